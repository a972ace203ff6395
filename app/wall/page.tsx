import { redirect } from "next/navigation";
import { Countdown } from "@/components/countdown";
import { LiveUpdates } from "@/components/live-updates";
import { SessionKeepAlive } from "@/components/session-keep-alive";
import { statusLabel, statusSymbol } from "@/components/status-badge";
import { TimeAgo } from "@/components/time-ago";
import { WorkerBanner } from "@/components/worker-banner";
import { getFleetSummary } from "@/lib/appliances/fleet-summary";
import { listAppliances } from "@/lib/appliances/list-appliances";
import { sessionCaller } from "@/lib/auth/current-actor";
import type { BillingStatus } from "@/lib/billing";
import { formatPercent, shareOf } from "@/lib/format/number-format";
import { getFleetFreshness } from "@/lib/fleet/get-fleet-freshness";
import { getFleetDigest } from "@/lib/fleet/get-fleet-digest";
import { STATUS_SEVERITY } from "@/lib/fleet/severity";

export const metadata = { title: "Wall" };

const NEEDS_ATTENTION = ["disconnected", "critical", "warning", "stale", "unknown"] as const;
const TILES = 40;

// Dark-background tones with AA contrast for the text on them; the symbol and word carry the status.
const TILE: Record<BillingStatus, string> = {
  disconnected: "border-red-400 bg-red-900",
  critical: "border-red-500 bg-red-950",
  warning: "border-amber-400 bg-amber-950",
  stale: "border-violet-400 bg-violet-950",
  unknown: "border-slate-500 bg-slate-800",
  ok: "border-green-500 bg-green-950",
  exempt: "border-slate-600 bg-slate-900",
};

function headline(item: { billingStatus: BillingStatus; daysUntilDisconnect: number | null }): string {
  if (item.billingStatus === "disconnected") return "VRAs disconnected";
  if (item.daysUntilDisconnect !== null) return `${item.daysUntilDisconnect} ${item.daysUntilDisconnect === 1 ? "day" : "days"} left`;
  if (item.billingStatus === "stale") return "no fresh data";
  if (item.billingStatus === "unknown") return "not seen yet";
  return statusLabel(item.billingStatus);
}

export default async function WallPage() {
  const { db, actor } = await sessionCaller();
  // Any signed-in role may show the wall; a viewer account is the usual one.
  if (!actor) redirect("/signin?callbackUrl=/wall");
  const now = new Date();
  const [summary, freshness, digest, worst] = await Promise.all([
    getFleetSummary(db, actor, now),
    getFleetFreshness(db, actor, now),
    getFleetDigest(db, actor, now),
    listAppliances(db, actor, { status: NEEDS_ATTENTION.join(","), sort: "severity", limit: TILES }, now),
  ]);
  const share = shareOf(summary.productionCompliant.ok, summary.productionCompliant.of);
  return (
    <main className="space-y-[1.2vw] p-[1.5vw] text-[length:clamp(1rem,1.2vw,2.5rem)]">
      <SessionKeepAlive />
      <header className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-[length:clamp(1.5rem,2.2vw,4.5rem)] font-bold tracking-tight">Lifeline · Zerto billing connectivity</h1>
        <LiveUpdates digest={digest} renderedAt={now.toISOString()} tone="dark" signInPath="/signin?callbackUrl=/wall" />
      </header>
      <WorkerBanner freshness={freshness} now={now} tone="dark" />
      <section aria-label="Counts" className="grid grid-cols-3 gap-[0.8vw] md:grid-cols-5 xl:grid-cols-8">
        {STATUS_SEVERITY.map((status) => (
          <div key={status} className={`rounded-lg border-2 p-[0.8vw] ${TILE[status]}`} data-testid={`wall-count-${status}`}>
            <div className="font-semibold">
              <span aria-hidden="true">{statusSymbol(status)} </span>
              {statusLabel(status)}
            </div>
            <div className="text-[length:clamp(2rem,3.5vw,7rem)] leading-none font-bold tabular-nums">{summary.byStatus[status]}</div>
          </div>
        ))}
        <div className="rounded-lg border-2 border-sky-400 bg-sky-950 p-[0.8vw]">
          <div className="font-semibold">Production compliant</div>
          <div className="text-[length:clamp(2rem,3.5vw,7rem)] leading-none font-bold tabular-nums">{formatPercent(share)}</div>
        </div>
      </section>
      {summary.nextDisconnect ? (
        <p className="rounded-lg border-2 border-red-400 bg-red-950 px-[1vw] py-[0.6vw] text-[length:clamp(1.2rem,1.8vw,3.5rem)]" data-testid="wall-next-disconnect">
          Next VRA disconnect: <strong>{summary.nextDisconnect.name}</strong> in{" "}
          <Countdown to={summary.nextDisconnect.disconnectAt} className="font-bold" />
        </p>
      ) : null}
      {worst.total === 0 ? (
        <p className="rounded-lg border-2 border-green-500 bg-green-950 p-[2vw] text-center text-[length:clamp(2rem,3vw,6rem)] font-bold" data-testid="wall-all-ok">
          <span aria-hidden="true">✓ </span>
          {summary.total === 0 ? "No appliances registered yet" : `All ${summary.total} appliances sending or exempt`}
        </p>
      ) : (
        <section aria-label="Appliances needing attention, worst first">
          <ul className="grid grid-cols-[repeat(auto-fill,minmax(max(16rem,18vw),1fr))] gap-[0.8vw]">
            {worst.items.map((item) => (
              <li key={item.id} className={`rounded-lg border-2 p-[0.8vw] ${TILE[item.billingStatus]}`} data-testid="wall-tile" data-name={item.name} data-status={item.billingStatus}>
                <div className="flex items-baseline justify-between gap-2">
                  <span className="font-bold">
                    <span aria-hidden="true">{statusSymbol(item.billingStatus)} </span>
                    {statusLabel(item.billingStatus)}
                  </span>
                  <span className="font-semibold tabular-nums">{headline(item)}</span>
                </div>
                <div className="line-clamp-2 text-[length:clamp(1.3rem,1.9vw,4rem)] leading-tight font-bold break-all" title={item.name}>
                  {item.name}
                </div>
                <div className="line-clamp-2 text-slate-200">
                  {[item.tags.tenant, item.tags.region].filter(Boolean).join(" · ") || "no tenant"}
                  {item.failingSince ? (
                    <>
                      {" "}
                      · failing <TimeAgo at={item.failingSince} now={now} />
                    </>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
          {worst.total > worst.items.length ? (
            <p className="mt-[0.8vw] text-slate-200">…and {worst.total - worst.items.length} more needing attention.</p>
          ) : null}
        </section>
      )}
    </main>
  );
}
