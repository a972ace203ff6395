import Link from "next/link";
import { AddApplianceSection } from "@/components/appliances/add-appliance-section";
import { AdminApplianceTable } from "@/components/appliances/admin-appliance-table";
import { CertificateChangedSection } from "@/components/appliances/certificate-changed-section";
import { ImportCsvSection } from "@/components/appliances/import-csv-section";
import { listAppliances } from "@/lib/appliances/list-appliances";
import { requirePageActor } from "@/lib/auth/page-guard";
import { retrustAction } from "../../appliances/[id]/actions";
import { addApplianceAction, importCsvAction, removeApplianceAction } from "./actions";

export const metadata = { title: "Appliances" };

export default async function AdminAppliancesPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const { db, actor } = await requirePageActor("admin");
  const { cursor } = await searchParams;
  const page = await listAppliances(db, actor, { limit: 200, cursor });
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Appliances</h1>
      <div className="grid gap-6 lg:grid-cols-2">
        <AddApplianceSection addApplianceAction={addApplianceAction} />
        <ImportCsvSection importCsvAction={importCsvAction} />
      </div>
      <CertificateChangedSection appliances={page.items} retrustAction={retrustAction} />
      <p className="text-sm text-slate-700">{page.total} appliances registered.</p>
      <AdminApplianceTable appliances={page.items} removeApplianceAction={removeApplianceAction} />
      {page.nextCursor ? (
        <Link className="text-blue-800 underline" href={`/admin/appliances?cursor=${page.nextCursor}`}>
          Next page
        </Link>
      ) : null}
    </div>
  );
}
