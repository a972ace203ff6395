import { ActionForm } from "@/components/action-form";
import { Field } from "@/components/field";
import type { ActionState } from "@/lib/http/action-state";

/** Schedules a maintenance window for an appliance or a tag: notifications held, alerts still shown. */
export function MaintenanceWindowForm({ action }: { action: (previous: ActionState, form: FormData) => Promise<ActionState> }) {
  return (
    <div className="max-w-2xl rounded border border-slate-200 bg-white p-4">
      <h3 className="font-semibold">Schedule a maintenance window</h3>
      <ActionForm action={action} submitLabel="Schedule maintenance window" className="mt-2 grid grid-cols-2 gap-3">
        <Field label="Appliance name" name="appliance" maxLength={100} />
        <Field label="or tag (e.g. region:ams)" name="tag" maxLength={110} />
        <Field label="Starts (UTC)" name="startsAt" type="datetime-local" required />
        <Field label="Ends (UTC)" name="endsAt" type="datetime-local" required />
        <Field label="Reason" name="reason" required maxLength={500} className="col-span-2" />
      </ActionForm>
    </div>
  );
}
