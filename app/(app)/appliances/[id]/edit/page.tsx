import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/action-form";
import { Field, SelectField } from "@/components/field";
import { getApplianceForEdit } from "@/lib/appliances/get-appliance";
import { requirePageActor } from "@/lib/auth/page-guard";
import { ZVM_AUTH_OPTIONS } from "@/lib/zvm/types";
import { NotFoundError } from "@/lib/errors";
import { updateApplianceAction } from "../actions";

export const metadata = { title: "Edit appliance" };

export default async function EditAppliancePage({ params }: { params: Promise<{ id: string }> }) {
  const { db, actor } = await requirePageActor("admin");
  const { id } = await params;
  const { view: appliance, username } = await getApplianceForEdit(db, actor, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const values: Record<string, string> = {
    name: appliance.name,
    kind: appliance.kind,
    role: appliance.role,
    mode: appliance.mode,
    url: appliance.url,
    username,
    authScheme: appliance.authScheme,
    tlsFingerprintSha256: appliance.tlsFingerprintSha256 ?? "",
    trustOnFirstUse: appliance.trustOnFirstUse ? "on" : "",
    tenant: appliance.tags.tenant ?? "",
    region: appliance.tags.region ?? "",
    vcenter: appliance.tags.vcenter ?? "",
    labels: appliance.tags.labels?.join(", ") ?? "",
  };
  return (
    <div className="max-w-3xl space-y-4">
      <p className="text-sm">
        <Link href="/" className="text-blue-800 underline">
          Fleet
        </Link>{" "}
        /{" "}
        <Link href={`/appliances/${appliance.id}`} className="text-blue-800 underline">
          {appliance.name}
        </Link>{" "}
        / edit
      </p>
      <h1 className="text-2xl font-semibold">Edit {appliance.name}</h1>
      <p className="text-sm text-slate-700">
        Changing the address or the sign-in makes the next poll learn the sign-in scheme again. Leave the password empty to keep
        the stored one. Changing the certificate pin clears a certificate-change alarm.
      </p>
      <ActionForm action={updateApplianceAction} submitLabel="Save changes" className="grid grid-cols-2 gap-3 rounded border border-slate-300 bg-white p-4">
        <input type="hidden" name="id" value={appliance.id} />
        {Object.entries(values).map(([name, value]) => (
          <input key={name} type="hidden" name={`original.${name}`} value={value} />
        ))}
        <Field label="Name" name="name" required maxLength={100} defaultValue={values.name} />
        <Field label="URL" name="url" required maxLength={2048} defaultValue={values.url} />
        <SelectField label="Kind" name="kind" options={["zvm", "zca"]} defaultValue={values.kind} />
        <SelectField label="Role" name="role" options={["production", "test"]} defaultValue={values.role} />
        <SelectField label="Mode" name="mode" options={["polled", "reporting"]} defaultValue={values.mode} />
        <SelectField label="Sign-in" name="authScheme" options={ZVM_AUTH_OPTIONS} defaultValue={values.authScheme} />
        <Field label="Username" name="username" maxLength={200} autoComplete="off" defaultValue={values.username} />
        <Field label="New password (empty: keep)" name="password" type="password" maxLength={500} autoComplete="new-password" />
        <Field label="Certificate SHA-256 (pin)" name="tlsFingerprintSha256" maxLength={200} className="col-span-2" defaultValue={values.tlsFingerprintSha256} />
        <label className="col-span-2 flex items-center gap-2 text-sm">
          <input type="checkbox" name="trustOnFirstUse" defaultChecked={appliance.trustOnFirstUse} /> Without a pin, trust the certificate seen on the next contact
        </label>
        <Field label="Tenant" name="tenant" maxLength={100} defaultValue={values.tenant} />
        <Field label="Region" name="region" maxLength={100} defaultValue={values.region} />
        <Field label="vCenter" name="vcenter" maxLength={255} defaultValue={values.vcenter} />
        <Field label="Labels (comma-separated)" name="labels" maxLength={1000} defaultValue={values.labels} />
      </ActionForm>
    </div>
  );
}
