import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/action-form";
import { ApplianceAlerts } from "@/components/appliance-alerts";
import { AutoRefresh } from "@/components/auto-refresh";
import { ChartPollHistory } from "@/components/chart-poll-history";
import { ChartSendHistory } from "@/components/chart-send-history";
import { CountdownBar } from "@/components/countdown-bar";
import { ReadinessBadge } from "@/components/readiness-badge";
import { StatusBadge } from "@/components/status-badge";
import { PollWarnings } from "@/components/poll-warnings";
import { TimeAgo } from "@/components/time-ago";
import { VraSummary } from "@/components/vra-summary";
import { ZvmAlertsNow } from "@/components/zvm-alerts-now";
import { listApplianceAlertKinds } from "@/lib/alert-catalog/list-alert-catalog";
import { getApplianceView } from "@/lib/appliances/get-appliance";
import { disconnectHeadline, neverProvenText } from "@/lib/appliances/send-wording";
import { requirePageActor } from "@/lib/auth/page-guard";
import { hasRole } from "@/lib/auth/roles";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { findingsOf } from "@/lib/fleet/findings";
import { HISTORY_RANGES, getApplianceHistory } from "@/lib/history/get-appliance-history";
import { listRecentPolls } from "@/lib/poller/list-recent-polls";
import { readSettings } from "@/lib/settings/get-settings";
import { listRecentHeartbeats } from "@/lib/heartbeats/list-recent-heartbeats";
import { listTestTransmissions } from "@/lib/test-transmissions/get-test-transmissions";
import { scheduledTestOf } from "@/lib/test-transmissions/scheduled-test-view";
import { pollNowAction, retrustAction, testTransmissionAction } from "../actions";

export const metadata = { title: "Appliance" };

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[12rem_1fr] gap-2 border-b border-slate-200 py-1.5 text-sm last:border-b-0">
      <dt className="text-slate-700">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const SEVERITY = {
  critical: { symbol: "‼", label: "Critical", className: "border-red-300 bg-red-50" },
  warning: { symbol: "!", label: "Warning", className: "border-amber-300 bg-amber-50" },
  info: { symbol: "i", label: "Info", className: "border-slate-300 bg-white" },
} as const;

const TONE = {
  good: { symbol: "✓", className: "text-green-800" },
  bad: { symbol: "✕", className: "text-red-800" },
  neutral: { symbol: "•", className: "text-slate-700" },
} as const;

export default async function AppliancePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ range?: string }>;
}) {
  const { db, actor } = await requirePageActor("viewer");
  const { id } = await params;
  const { range } = await searchParams;
  const now = new Date();
  const appliance = await getApplianceView(db, actor, id, now).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const [transmissions, polls, heartbeats, settings, history, alertKinds] = await Promise.all([
    listTestTransmissions(db, actor, appliance.id, 10),
    listRecentPolls(db, actor, appliance.id, 10),
    appliance.mode === "reporting" ? listRecentHeartbeats(db, actor, appliance.id, 10) : Promise.resolve([]),
    readSettings(db, actor),
    getApplianceHistory(db, actor, appliance.id, { range }, now).catch((error: unknown) => {
      if (error instanceof ValidationError) return getApplianceHistory(db, actor, appliance.id, {}, now);
      throw error;
    }),
    listApplianceAlertKinds(db, actor, appliance.id),
  ]);
  const open = transmissions.some((t) => t.status === "pending" || t.status === "running");
  const awaitingFirstPoll = appliance.mode === "polled" && polls.length === 0;
  const headline = disconnectHeadline(appliance, now);
  const scheduled = scheduledTestOf(appliance, settings.autoTestEveryHours, transmissions[0]?.requestedAt ?? null, now);
  const operator = hasRole(actor, "operator");
  const admin = hasRole(actor, "admin");
  const findings = findingsOf(appliance.statusReasons, {
    kind: appliance.kind,
    version: appliance.version,
    mode: appliance.mode,
    lastPollError: appliance.lastPollError,
    billingEndpoints: settings.billingEndpoints,
  });
  return (
    <div className="space-y-6">
      <AutoRefresh seconds={open || awaitingFirstPoll ? 2 : 15} />
      <p className="text-sm print:hidden">
        <Link href="/" className="text-blue-800 underline">
          Fleet
        </Link>{" "}
        / {appliance.name}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{appliance.name}</h1>
        <StatusBadge status={appliance.billingStatus} />
        {headline ? (
          <span className="text-sm font-medium" data-testid="days-left">
            {headline}
          </span>
        ) : null}
        <span className="ml-auto text-xs text-slate-600">
          data from {now.toISOString().slice(11, 19)} UTC · refreshes every {open ? 2 : 15} s
        </span>
      </div>

      {appliance.failingSince && appliance.disconnectAt && appliance.daysUntilDisconnect !== null ? (
        <section aria-label="Countdown to VRA disconnect" className="rounded border border-slate-300 bg-white p-4">
          <CountdownBar
            failingSince={appliance.failingSince}
            disconnectAt={appliance.disconnectAt}
            daysLeft={appliance.daysUntilDisconnect}
            now={now}
            criticalDays={settings.criticalDays}
          />
        </section>
      ) : null}

      {operator || admin ? (
        <div className="flex flex-wrap items-start gap-6 print:hidden">
          {operator && appliance.mode === "polled" ? (
            <ActionForm action={pollNowAction} submitLabel="Poll now" inline changesWithinSeconds={settings.pollTimeoutSeconds + 10}>
              <input type="hidden" name="id" value={appliance.id} />
            </ActionForm>
          ) : null}
          {operator ? (
            <ActionForm action={testTransmissionAction} submitLabel="Test usage transmission" inline>
              <input type="hidden" name="id" value={appliance.id} />
            </ActionForm>
          ) : null}
          {admin ? (
            <Link href={`/appliances/${appliance.id}/edit`} className="rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">
              Edit
            </Link>
          ) : null}
          {appliance.tlsCertificateChangedAt && admin ? (
            <ActionForm action={retrustAction} submitLabel="Trust the new certificate" inline>
              <input type="hidden" name="id" value={appliance.id} />
            </ActionForm>
          ) : null}
        </div>
      ) : null}

      <section aria-labelledby="findings-heading">
        <h2 id="findings-heading" className="text-lg font-semibold">
          Findings
        </h2>
        {findings.length === 0 ? (
          <p className="mt-1 text-sm text-slate-700">
            <span aria-hidden="true">✓ </span>Nothing to fix.
          </p>
        ) : (
          <ul className="mt-2 space-y-2">
            {findings.map((finding) => {
              const style = SEVERITY[finding.severity];
              return (
                <li key={finding.code} className={`rounded border px-3 py-2 text-sm ${style.className}`} data-testid="reason" data-code={finding.code}>
                  <p>
                    <span className="font-semibold">
                      <span aria-hidden="true">{style.symbol} </span>
                      {style.label}:
                    </span>{" "}
                    {finding.message}
                  </p>
                  {finding.fix.length > 0 ? (
                    <div className="mt-1">
                      <p className="font-medium">How to fix</p>
                      <ol className="ml-5 list-decimal space-y-0.5">
                        {finding.fix.map((step) => (
                          <li key={step}>{step}</li>
                        ))}
                      </ol>
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <dl className="rounded border border-slate-300 bg-white px-4 py-2">
        <Row label="Last successful send">
          {appliance.lastSuccessfulSendAt ? (
            <>
              <TimeAgo at={appliance.lastSuccessfulSendAt} now={now} /> ({appliance.lastSuccessfulSendSource})
            </>
          ) : appliance.noFailureReportedAt ? (
            <>
              no proof of a send; no failure reported, last checked <TimeAgo at={appliance.noFailureReportedAt} now={now} />
            </>
          ) : (
            <span data-testid="never-proven">{neverProvenText(appliance)}</span>
          )}
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
        <Row label="Clock skew">{appliance.clockSkewSeconds === null ? "—" : `${appliance.clockSkewSeconds.toFixed(1)} s`}</Row>
        <Row label="9.0 readiness">
          <ReadinessBadge readiness={appliance.migrationReadiness} reachability={appliance.newEndpointReachability} />
        </Row>
        <Row label="VRAs">
          <VraSummary vras={appliance.vras} />
        </Row>
        <Row label="Next scheduled test">
          <span data-testid="scheduled-test">
            {scheduled.dueAt ? <TimeAgo at={scheduled.dueAt} now={now} /> : `none: ${scheduled.why}`}
          </span>
        </Row>
        <Row label="Kind / role / mode">
          {appliance.kind} · {appliance.role} · {appliance.mode}
        </Row>
        <Row label="Address">{appliance.url}</Row>
        <Row label="Tenant / region">
          {appliance.tags.tenant ?? "—"} · {appliance.tags.region ?? "—"}
          {appliance.tags.vcenter ? ` · vCenter ${appliance.tags.vcenter}` : ""}
          {appliance.tags.labels?.length ? ` · ${appliance.tags.labels.join(", ")}` : ""}
        </Row>
        <Row label="Certificate (SHA-256)">
          <span className="break-all font-mono text-xs">
            {appliance.mode === "reporting"
              ? "checked by the collector"
              : (appliance.tlsFingerprintSha256 ?? (appliance.trustOnFirstUse ? "trust on first use" : "system CAs"))}
          </span>
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

      <PollWarnings warnings={appliance.pollWarnings} />

      <ZvmAlertsNow kinds={alertKinds} />

      <section aria-labelledby="charts-heading" className="space-y-3">
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="charts-heading" className="text-lg font-semibold">
            History
          </h2>
          <nav aria-label="Chart range" className="flex gap-1 print:hidden">
            {HISTORY_RANGES.map((days) => (
              <Link
                key={days}
                href={`/appliances/${appliance.id}?range=${days}`}
                aria-current={history.range === days ? "true" : undefined}
                className={`rounded border px-2 py-0.5 text-sm ${history.range === days ? "border-blue-700 bg-blue-700 text-white" : "border-slate-400 bg-white text-slate-800"}`}
              >
                {days} days
              </Link>
            ))}
          </nav>
        </div>
        <div className="grid gap-4 lg:grid-cols-2">
          <div className="rounded border border-slate-300 bg-white p-3">
            <h3 className="text-sm font-semibold">Polls: success and latency</h3>
            <ChartPollHistory days={history.pollDays} />
          </div>
          <div className="rounded border border-slate-300 bg-white p-3">
            <h3 className="text-sm font-semibold">Send evidence: tests and hours failing</h3>
            <ChartSendHistory days={history.sendDays} />
          </div>
        </div>
      </section>

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading" className="text-lg font-semibold">
          Evidence timeline
        </h2>
        {history.timeline.length === 0 ? (
          <p className="mt-1 text-sm text-slate-700">No evidence recorded yet: the first poll or test transmission will appear here.</p>
        ) : (
          <ol className="mt-2 space-y-1 border-l-2 border-slate-300 pl-4 text-sm" data-testid="timeline">
            {history.timeline.map((event, index) => {
              const tone = TONE[event.tone];
              return (
                <li key={`${event.at}-${event.kind}-${index}`} data-kind={event.kind}>
                  <span className={`font-semibold ${tone.className}`}>
                    <span aria-hidden="true">{tone.symbol} </span>
                    {event.title}
                  </span>{" "}
                  <span className="text-slate-600">
                    {event.at.slice(0, 16).replace("T", " ")} UTC (<TimeAgo at={event.at} now={now} />)
                  </span>
                  {event.detail ? <span className="block text-xs text-slate-700">{event.detail}</span> : null}
                </li>
              );
            })}
          </ol>
        )}
      </section>

      <ApplianceAlerts db={db} actor={actor} applianceId={appliance.id} />

      <section>
        <h2 className="text-lg font-semibold">Test transmissions</h2>
        <table className="mt-2 w-full text-sm" data-testid="transmissions">
          <thead>
            <tr className="border-b text-left text-slate-700">
              <th className="py-1">Requested</th>
              <th>By</th>
              <th>Status</th>
              <th>Detail</th>
            </tr>
          </thead>
          <tbody>
            {transmissions.length === 0 ? (
              <tr>
                <td colSpan={4} className="py-2 text-slate-700">
                  None yet.
                </td>
              </tr>
            ) : null}
            {transmissions.map((t) => (
              <tr key={t.id} className="border-b">
                <td className="py-1">
                  <TimeAgo at={t.requestedAt} now={now} />
                </td>
                <td>{t.requestedBy}</td>
                <td data-testid="transmission-status">{t.status}</td>
                <td>{t.detail ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {appliance.mode === "reporting" ? (
        <section>
          <h2 className="text-lg font-semibold">Recent heartbeats</h2>
          {heartbeats.length === 0 ? <p className="mt-1 text-sm text-slate-700">None yet: is the collector running?</p> : null}
          <ul className="mt-2 text-sm" data-testid="recent-heartbeats">
            {heartbeats.map((beat) => (
              <li key={beat.observedAt.toISOString()}>
                read <TimeAgo at={beat.observedAt.toISOString()} now={now} /> · arrived{" "}
                {Math.max(0, Math.round((beat.receivedAt.getTime() - beat.observedAt.getTime()) / 1000))} s later · billing alert{" "}
                {beat.billingAlertActive === null ? "not reported" : beat.billingAlertActive ? "on" : "off"} · from {beat.collector ?? "a deleted token"}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section>
        <h2 className="text-lg font-semibold">Recent polls</h2>
        {polls.length === 0 ? <p className="mt-1 text-sm text-slate-700">None yet.</p> : null}
        <ul className="mt-2 text-sm">
          {polls.map((poll) => (
            <li key={String(poll.id)}>
              <TimeAgo at={poll.at.toISOString()} now={now} /> · {poll.ok ? "ok" : `failed: ${poll.error}`} · {poll.durationMs} ms
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
