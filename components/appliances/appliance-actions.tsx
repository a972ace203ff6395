import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import type { ApplianceView } from "@/lib/appliances/appliance-view";
import type { ActionState } from "@/lib/http/action-state";

type Action = (previous: ActionState, form: FormData) => Promise<ActionState>;

export interface ApplianceActionSet {
  pollNow: Action;
  testTransmission: Action;
  retrust: Action;
}

function ApplianceActionForm({ action, label, id, changesWithinSeconds }: { action: Action; label: string; id: string; changesWithinSeconds?: number }) {
  return (
    <ActionForm action={action} submitLabel={label} inline changesWithinSeconds={changesWithinSeconds}>
      <input type="hidden" name="id" value={id} />
    </ActionForm>
  );
}

/**
 * Poll now and test transmission for operators; edit and re-trust a changed certificate for admins.
 * After Poll now the page refreshes quickly for `pollAnswerWithinSeconds`, so the answer shows at once.
 */
export function ApplianceActions({
  appliance,
  actions,
  operator,
  admin,
  pollAnswerWithinSeconds,
}: {
  appliance: ApplianceView;
  actions: ApplianceActionSet;
  operator: boolean;
  admin: boolean;
  pollAnswerWithinSeconds: number;
}) {
  if (!operator && !admin) return null;
  return (
    <div className="flex flex-wrap items-start gap-6 print:hidden">
      {operator && appliance.mode === "polled" ? <ApplianceActionForm action={actions.pollNow} label="Poll now" id={appliance.id} changesWithinSeconds={pollAnswerWithinSeconds} /> : null}
      {operator ? <ApplianceActionForm action={actions.testTransmission} label="Test usage transmission" id={appliance.id} /> : null}
      {admin ? (
        <Link href={`/appliances/${appliance.id}/edit`} className="rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">
          Edit
        </Link>
      ) : null}
      {appliance.tlsCertificateChangedAt && admin ? <ApplianceActionForm action={actions.retrust} label="Trust the new certificate" id={appliance.id} /> : null}
    </div>
  );
}
