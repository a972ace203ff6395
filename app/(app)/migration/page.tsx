import { LiveUpdates } from "@/components/live-updates";
import { MigrationCountsSection } from "@/components/migration/migration-counts-section";
import { MigrationEndpointsSection } from "@/components/migration/migration-endpoints-section";
import { MigrationGroupSection } from "@/components/migration/migration-group-section";
import { WorkerBanner } from "@/components/worker-banner";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getFleetFreshness } from "@/lib/fleet/get-fleet-freshness";
import { MIGRATION_GROUPS, getMigrationReport } from "@/lib/fleet/get-migration-report";
import { getFleetDigest } from "@/lib/fleet/get-fleet-digest";

export const metadata = { title: "9.0 migration" };

export default async function MigrationPage() {
  const { db, actor } = await requirePageActor("viewer");
  const now = new Date();
  const [report, freshness, digest] = await Promise.all([getMigrationReport(db, actor), getFleetFreshness(db, actor, now), getFleetDigest(db, actor, now)]);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">Zerto 9.0 migration</h1>
        <LiveUpdates digest={digest} renderedAt={now.toISOString()} />
      </div>
      <WorkerBanner freshness={freshness} now={now} />
      <p className="max-w-4xl text-sm text-slate-700">
        From Zerto 9.0, usage goes to a new billing URL and IP range. The upgrade succeeds without it; the billing alert appears
        afterwards and the 15-day countdown to VRA disconnect starts. Allow the new endpoint in every site&apos;s firewall before
        upgrading.
      </p>
      <MigrationEndpointsSection report={report} />
      <MigrationCountsSection report={report} />
      {MIGRATION_GROUPS.map((group) => (
        <MigrationGroupSection key={group} group={group} report={report} now={now} />
      ))}
    </div>
  );
}
