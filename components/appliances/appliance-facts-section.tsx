import { ReadinessBadge } from "@/components/readiness-badge";
import { TimeAgo } from "@/components/time-ago";
import { VraSummary } from "@/components/vra-summary";
import type { ApplianceView } from "@/lib/appliances/appliance-view";
import { certificateText, clockSkewText, tagsText } from "@/lib/appliances/appliance-page-view";
import { neverProvenText } from "@/lib/appliances/send-wording";
import type { ScheduledTestView } from "@/lib/test-transmissions/scheduled-test-view";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[12rem_1fr] gap-2 border-b border-slate-200 py-1.5 text-sm last:border-b-0">
      <dt className="text-slate-700">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function LastSend({ appliance, now }: { appliance: ApplianceView; now: Date }) {
  if (appliance.lastSuccessfulSendAt) {
    return (
      <>
        <TimeAgo at={appliance.lastSuccessfulSendAt} now={now} /> ({appliance.lastSuccessfulSendSource})
      </>
    );
  }
  if (appliance.noFailureReportedAt) {
    return (
      <>
        no proof of a send; no failure reported, last checked <TimeAgo at={appliance.noFailureReportedAt} now={now} />
      </>
    );
  }
  return <span data-testid="never-proven">{neverProvenText(appliance)}</span>;
}

/** The appliance's evidence, versions, licence, VRAs, schedule and connection, one fact a row. */
export function ApplianceFactsSection({ appliance, scheduled, now }: { appliance: ApplianceView; scheduled: ScheduledTestView; now: Date }) {
  return (
    <dl className="rounded border border-slate-300 bg-white px-4 py-2">
      <Row label="Last successful send">
        <LastSend appliance={appliance} now={now} />
      </Row>
      <Row label="Failing since">
        <TimeAgo at={appliance.failingSince} now={now} />
      </Row>
      <Row label="VRA disconnect">
        <TimeAgo at={appliance.disconnectAt} now={now} />
      </Row>
      <Row label="Site / version">
        {appliance.siteName ?? "—"} · {appliance.version ?? "—"}
      </Row>
      <Row label="Licence">{appliance.licenseType ?? "—"}</Row>
      <Row label="Clock skew">{clockSkewText(appliance.clockSkewSeconds)}</Row>
      <Row label="9.0 readiness">
        <ReadinessBadge readiness={appliance.migrationReadiness} reachability={appliance.newEndpointReachability} />
      </Row>
      <Row label="VRAs">
        <VraSummary vras={appliance.vras} />
      </Row>
      <Row label="Next scheduled test">
        <span data-testid="scheduled-test">{scheduled.dueAt ? <TimeAgo at={scheduled.dueAt} now={now} /> : `none: ${scheduled.why}`}</span>
      </Row>
      <Row label="Kind / role / mode">
        {appliance.kind} · {appliance.role} · {appliance.mode}
      </Row>
      <Row label="Address">{appliance.url}</Row>
      <Row label="Tenant / region">{tagsText(appliance.tags)}</Row>
      <Row label="Certificate (SHA-256)">
        <span className="break-all font-mono text-xs">{certificateText(appliance)}</span>
      </Row>
      <Row label={appliance.mode === "reporting" ? "Last heartbeat" : "Last polled"}>
        <TimeAgo at={appliance.lastPolledAt} now={now} empty="never" />
        {appliance.lastPollError ? (
          <span className="ml-2 text-red-800" data-testid="poll-error">
            <span aria-hidden="true">⚠ </span>
            {appliance.lastPollError}
          </span>
        ) : null}
      </Row>
    </dl>
  );
}
