import { redirect } from "next/navigation";
import { OutageBanner } from "@/components/connection/outage-banner";
import { Countdown } from "@/components/countdown";
import { LiveUpdates } from "@/components/live-updates";
import { SessionKeepAlive } from "@/components/session-keep-alive";
import { statusLabel, statusSymbol } from "@/components/status-badge";
import { WallBoard } from "@/components/wall/wall-board";
import { WorkerBanner } from "@/components/worker-banner";
import { getFleetSummary } from "@/lib/appliances/fleet-summary";
import { sessionCaller } from "@/lib/auth/current-actor";
import type { BillingStatus } from "@/lib/billing";
import { formatPercent, shareOf } from "@/lib/format/number-format";
import { getFleetFreshness } from "@/lib/fleet/get-fleet-freshness";
import { getFleetDigest } from "@/lib/fleet/get-fleet-digest";
import { STATUS_SEVERITY } from "@/lib/fleet/severity";
import { readWallTiles } from "@/lib/wall/read-wall-tiles";

export const metadata = { title: "Wall" };

// Dark-background tones with AA contrast for the text on them; the symbol and word carry the status.
const COUNT_TONE: Record<BillingStatus, string> = {
  disconnected: "border-red-400 bg-red-900",
  critical: "border-red-500 bg-red-950",
  warning: "border-amber-400 bg-amber-950",
  stale: "border-violet-400 bg-violet-950",
  unknown: "border-slate-500 bg-slate-800",
  ok: "border-green-500 bg-green-950",
  exempt: "border-slate-600 bg-slate-900",
};

/** The NOC wall: one screen, no scrolling, whatever the screen and the number of problems. */
export default async function WallPage() {
  const { db, actor } = await sessionCaller();
  // Any signed-in role may show the wall; a viewer account is the usual one.
  if (!actor) redirect("/signin?callbackUrl=/wall");
  const now = new Date();
  const [summary, freshness, digest] = await Promise.all([getFleetSummary(db, actor, now), getFleetFreshness(db, actor, now), getFleetDigest(db, actor, now)]);
  const { tiles, unlisted } = await readWallTiles(db, actor, summary.byStatus, now);
  const share = shareOf(summary.productionCompliant.ok, summary.productionCompliant.of);
  return (
    <main className="flex h-dvh flex-col gap-[1vh] overflow-hidden p-[1.2vh_1.5vw] text-[length:clamp(0.85rem,min(1.2vw,2.1vh),2.5rem)]">
      <SessionKeepAlive />
      <header className="flex shrink-0 flex-wrap items-center justify-between gap-x-4">
        <h1 className="text-[length:clamp(1.2rem,min(2.2vw,3.6vh),4.5rem)] font-bold tracking-tight">Lifeline · Zerto billing connectivity</h1>
        <LiveUpdates digest={digest} renderedAt={now.toISOString()} tone="dark" signInPath="/signin?callbackUrl=/wall" />
      </header>
      <div className="shrink-0 empty:hidden">
        <OutageBanner tone="dark" />
      </div>
      <div className="shrink-0 empty:hidden">
        <WorkerBanner freshness={freshness} now={now} tone="dark" />
      </div>
      <section aria-label="Counts" className="grid shrink-0 grid-cols-4 gap-[0.6vw] lg:grid-cols-8">
        {STATUS_SEVERITY.map((status) => (
          <div key={status} className={`rounded-lg border-2 px-[0.8vw] py-[0.5vh] ${COUNT_TONE[status]}`} data-testid={`wall-count-${status}`}>
            <div className="truncate text-[0.85em] font-semibold">
              <span aria-hidden="true">{statusSymbol(status)} </span>
              {statusLabel(status)}
            </div>
            <div className="text-[length:clamp(1.5rem,min(3.5vw,5.5vh),7rem)] leading-none font-bold tabular-nums">{summary.byStatus[status]}</div>
          </div>
        ))}
        <div className="rounded-lg border-2 border-sky-400 bg-sky-950 px-[0.8vw] py-[0.5vh]">
          <div className="truncate text-[0.85em] font-semibold">Production compliant</div>
          <div className="text-[length:clamp(1.5rem,min(3.5vw,5.5vh),7rem)] leading-none font-bold tabular-nums">{formatPercent(share)}</div>
        </div>
      </section>
      {summary.nextDisconnect ? (
        <p className="shrink-0 truncate rounded-lg border-2 border-red-400 bg-red-950 px-[1vw] py-[0.4vh] text-[length:clamp(1rem,min(1.6vw,2.6vh),3.5rem)]" data-testid="wall-next-disconnect">
          Next VRA disconnect: <strong title={summary.nextDisconnect.name}>{summary.nextDisconnect.name}</strong> in{" "}
          <Countdown to={summary.nextDisconnect.disconnectAt} className="font-bold" />
        </p>
      ) : null}
      {tiles.length === 0 && Object.keys(unlisted).length === 0 ? (
        <p className="rounded-lg border-2 border-green-500 bg-green-950 p-[2vw] text-center text-[length:clamp(2rem,3vw,6rem)] font-bold" data-testid="wall-all-ok">
          <span aria-hidden="true">✓ </span>
          {summary.total === 0 ? "No appliances registered yet" : `All ${summary.total} appliances sending or exempt`}
        </p>
      ) : (
        <WallBoard tiles={tiles} unlisted={unlisted} />
      )}
    </main>
  );
}
