import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { RemoveApplianceForm } from "@/components/appliances/remove-appliance-form";
import { Field, SelectField } from "@/components/field";
import { StatusBadge } from "@/components/status-badge";
import { listAppliances } from "@/lib/appliances/list-appliances";
import { requirePageActor } from "@/lib/auth/page-guard";
import { ZVM_AUTH_OPTIONS } from "@/lib/zvm/types";
import { retrustAction } from "../../appliances/[id]/actions";
import { addApplianceAction, importCsvAction, removeApplianceAction } from "./actions";

export const metadata = { title: "Appliances" };

export default async function AdminAppliancesPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const { db, actor } = await requirePageActor("admin");
  const { cursor } = await searchParams;
  const page = await listAppliances(db, actor, { limit: 200, cursor });
  const changed = page.items.filter((item) => item.tlsCertificateChangedAt);
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Appliances</h1>
      <div className="grid gap-6 lg:grid-cols-2">
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
            <label className="col-span-2 flex items-center gap-2 text-sm">
              <input type="checkbox" name="skipCheck" /> Add without trying it now (a polled appliance is otherwise signed in to at once, up to 10 s)
            </label>
          </ActionForm>
        </section>
        <section className="rounded border border-slate-200 bg-white p-4">
          <h2 className="text-lg font-semibold">Import a CSV</h2>
          <p className="mt-1 text-sm text-slate-700">
            Header line with columns:{" "}
            <code className="break-words">name, kind, role, mode, url, username, password, authScheme, tlsFingerprintSha256, trustOnFirstUse, tenant, region, vcenter, labels</code>{" "}
            (comma-separated, in any order; labels separated by <code>;</code>). Bad rows are listed; good rows are added. Rows are
            not tried one by one: each is polled within seconds, and one that cannot be reached goes stale with the reason.
          </p>
          <ActionForm action={importCsvAction} submitLabel="Import">
            <input type="file" name="file" accept=".csv,text/csv" aria-label="CSV file" className="block text-sm" />
          </ActionForm>
        </section>
      </div>
      {changed.length > 0 ? (
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
      ) : null}
      <p className="text-sm text-slate-700">{page.total} appliances registered.</p>
      <table className="w-full border-collapse text-sm">
        <thead>
          <tr className="border-b text-left text-slate-600">
            <th className="py-2">Name</th>
            <th>Status</th>
            <th>Mode</th>
            <th>URL</th>
            <th>Tenant</th>
            <th>Edit</th>
            <th>Remove</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((item) => (
            <tr key={item.id} className="border-b">
              <td className="py-1 whitespace-nowrap" id={`name-${item.id}`}>
                <Link className="text-blue-800 underline" href={`/appliances/${item.id}`}>
                  {item.name}
                </Link>
              </td>
              <td>
                <StatusBadge status={item.billingStatus} />
              </td>
              <td>{item.mode}</td>
              <td className="break-all">{item.url}</td>
              <td>{item.tags.tenant ?? "—"}</td>
              <td>
                <Link className="text-blue-800 underline" href={`/appliances/${item.id}/edit`} aria-describedby={`name-${item.id}`}>
                  Edit
                </Link>
              </td>
              <td>
                <RemoveApplianceForm action={removeApplianceAction} id={item.id} name={item.name} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page.nextCursor ? (
        <Link className="text-blue-800 underline" href={`/admin/appliances?cursor=${page.nextCursor}`}>
          Next page
        </Link>
      ) : null}
    </div>
  );
}
