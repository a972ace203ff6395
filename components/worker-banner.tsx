import type { FleetFreshness } from "@/lib/fleet/get-fleet-freshness";
import { WorkerDownReporter } from "./connection/worker-down-reporter";
import { TimeAgo } from "./time-ago";

/** Said plainly when the worker is down: the screen's statuses have stopped moving. */
export function WorkerBanner({ freshness, now, tone = "light" }: { freshness: FleetFreshness; now: Date; tone?: "light" | "dark" }) {
  if (freshness.workerAlive) return null;
  const style = tone === "dark" ? "border-amber-400 bg-amber-950 text-amber-100" : "border-amber-400 bg-amber-50 text-amber-950";
  return (
    <div role="alert" className={`rounded border-2 px-4 py-3 ${style}`} data-testid="worker-down">
      <WorkerDownReporter />
      <p className="font-semibold">
        <span aria-hidden="true">⚠ </span>The background worker is not running: appliances are not being polled.
      </p>
      <p className="text-sm">
        Statuses below are as last computed
        {freshness.lastWorkerBeatAt ? (
          <>
            {" "}(the worker was last seen <TimeAgo at={freshness.lastWorkerBeatAt} now={now} />)
          </>
        ) : null}
        ; newest data <TimeAgo at={freshness.newestDataAt} now={now} empty="never received" />. Start it with{" "}
        <code>npm run worker</code> or check the server log.
      </p>
    </div>
  );
}
