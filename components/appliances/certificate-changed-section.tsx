import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import type { ApplianceView } from "@/lib/appliances/appliance-view";
import type { ActionState } from "@/lib/http/action-state";

type Action = (previous: ActionState, form: FormData) => Promise<ActionState>;

/** Appliances whose certificate changed: polls wait until an admin trusts the new one. */
export function CertificateChangedSection({ appliances, retrustAction }: { appliances: ApplianceView[]; retrustAction: Action }) {
  const changed = appliances.filter((item) => item.tlsCertificateChangedAt);
  if (changed.length === 0) return null;
  return (
    <section role="alert" className="rounded border-2 border-red-300 bg-red-50 p-3 text-sm">
      <h2 className="font-semibold">
        <span aria-hidden="true">⚠ </span>Certificate changed on {changed.length} appliance{changed.length === 1 ? "" : "s"}
      </h2>
      <p>Polls are refused until you confirm the new certificate is genuine (compare its fingerprint with the ZVM&apos;s administrator).</p>
      <ul className="mt-2 space-y-2">
        {changed.map((item) => (
          <li key={item.id} className="flex flex-wrap items-center gap-3">
            <Link className="font-medium text-blue-800 underline" href={`/appliances/${item.id}`}>
              {item.name}
            </Link>
            <ActionForm action={retrustAction} submitLabel={`Trust the new certificate of ${item.name}`} inline>
              <input type="hidden" name="id" value={item.id} />
            </ActionForm>
          </li>
        ))}
      </ul>
    </section>
  );
}
