import { ActionForm } from "@/components/action-form";
import { Field, SelectField } from "@/components/field";
import type { ActionState } from "@/lib/http/action-state";
import { ZVM_AUTH_OPTIONS } from "@/lib/zvm/types";

type Action = (previous: ActionState, form: FormData) => Promise<ActionState>;

/** The form that registers one appliance. */
export function AddApplianceSection({ addApplianceAction }: { addApplianceAction: Action }) {
  return (
    <section className="rounded border border-slate-200 bg-white p-4">
      <h2 className="text-lg font-semibold">Add an appliance</h2>
      <ActionForm action={addApplianceAction} submitLabel="Add appliance" className="mt-2 grid grid-cols-2 gap-3">
        <Field label="Name" name="name" required maxLength={100} />
        <Field label="URL (https://zvm:9669 or https://zvm)" name="url" required maxLength={2048} placeholder="https://" />
        <SelectField label="Kind" name="kind" options={["zvm", "zca"]} />
        <SelectField label="Role" name="role" options={["production", "test"]} />
        <SelectField label="Mode" name="mode" options={["polled", "reporting"]} />
        <SelectField label="Sign-in" name="authScheme" options={ZVM_AUTH_OPTIONS} />
        <Field label="Username" name="username" maxLength={200} autoComplete="off" />
        <Field label="Password" name="password" type="password" maxLength={500} autoComplete="new-password" />
        <Field label="Certificate SHA-256 (pin)" name="tlsFingerprintSha256" maxLength={200} className="col-span-2" />
        <label className="col-span-2 flex items-center gap-2 text-sm">
          <input type="checkbox" name="trustOnFirstUse" /> No fingerprint at hand: trust the certificate seen on first contact
        </label>
        <Field label="Tenant" name="tenant" maxLength={100} />
        <Field label="Region" name="region" maxLength={100} />
        <Field label="Labels (comma-separated)" name="labels" maxLength={1000} className="col-span-2" />
      </ActionForm>
    </section>
  );
}
