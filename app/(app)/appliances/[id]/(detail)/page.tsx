import { notFound } from "next/navigation";
import { ApplianceAlerts } from "@/components/appliance-alerts";
import { ApplianceActions } from "@/components/appliances/appliance-actions";
import { ApplianceCountdownSection } from "@/components/appliances/appliance-countdown-section";
import { ApplianceFactsSection } from "@/components/appliances/appliance-facts-section";
import { ApplianceFindingsSection } from "@/components/appliances/appliance-findings-section";
import { ApplianceHeader } from "@/components/appliances/appliance-header";
import { ApplianceHistorySection } from "@/components/appliances/appliance-history-section";
import { ApplianceHeartbeatsSection, AppliancePollsSection } from "@/components/appliances/appliance-recent-section";
import { ApplianceTimelineSection } from "@/components/appliances/appliance-timeline-section";
import { ApplianceTransmissionsSection } from "@/components/appliances/appliance-transmissions-section";
import { AutoRefresh } from "@/components/auto-refresh";
import { PollWarnings } from "@/components/poll-warnings";
import { ZvmAlertsNow } from "@/components/zvm-alerts-now";
import { listApplianceAlertKinds } from "@/lib/alert-catalog/list-alert-catalog";
import { refreshSecondsOf } from "@/lib/appliances/appliance-page-view";
import { getApplianceView } from "@/lib/appliances/get-appliance";
import { requirePageActor } from "@/lib/auth/page-guard";
import { hasRole } from "@/lib/auth/roles";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { findingsOf } from "@/lib/fleet/findings";
import { getApplianceHistory } from "@/lib/history/get-appliance-history";
import { listRecentHeartbeats } from "@/lib/heartbeats/list-recent-heartbeats";
import { listRecentPolls } from "@/lib/poller/list-recent-polls";
import { getSettingsFor } from "@/lib/settings/get-settings-for";
import { listTestTransmissions } from "@/lib/test-transmissions/list-test-transmissions";
import { scheduledTestOf } from "@/lib/test-transmissions/scheduled-test-view";
import { pollNowAction, retrustAction, testTransmissionAction } from "../actions";

export const metadata = { title: "Appliance" };

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
    getSettingsFor(db, actor),
    getApplianceHistory(db, actor, appliance.id, { range }, now).catch((error: unknown) => {
      if (error instanceof ValidationError) return getApplianceHistory(db, actor, appliance.id, {}, now);
      throw error;
    }),
    listApplianceAlertKinds(db, actor, appliance.id),
  ]);
  const refreshSeconds = refreshSecondsOf(transmissions, { awaitingFirstPoll: appliance.mode === "polled" && polls.length === 0 });
  const scheduled = scheduledTestOf(appliance, settings.autoTestEveryHours, transmissions[0]?.requestedAt ?? null, now);
  const findings = findingsOf(appliance.statusReasons, {
    kind: appliance.kind,
    version: appliance.version,
    mode: appliance.mode,
    lastPollError: appliance.lastPollError,
    billingEndpoints: settings.billingEndpoints,
  });
  return (
    <div className="space-y-6">
      <AutoRefresh seconds={refreshSeconds} />
      <ApplianceHeader appliance={appliance} refreshSeconds={refreshSeconds} now={now} />
      <ApplianceCountdownSection appliance={appliance} criticalDays={settings.criticalDays} now={now} />
      <ApplianceActions
        appliance={appliance}
        actions={{ pollNow: pollNowAction, testTransmission: testTransmissionAction, retrust: retrustAction }}
        operator={hasRole(actor, "operator")}
        admin={hasRole(actor, "admin")}
        pollAnswerWithinSeconds={settings.pollTimeoutSeconds + 10}
      />
      <ApplianceFindingsSection findings={findings} />
      <ApplianceFactsSection appliance={appliance} scheduled={scheduled} now={now} />
      <PollWarnings warnings={appliance.pollWarnings} />
      <ZvmAlertsNow kinds={alertKinds} />
      <ApplianceHistorySection applianceId={appliance.id} history={history} />
      <ApplianceTimelineSection timeline={history.timeline} now={now} />
      <ApplianceAlerts db={db} actor={actor} applianceId={appliance.id} />
      <ApplianceTransmissionsSection transmissions={transmissions} now={now} />
      {appliance.mode === "reporting" ? <ApplianceHeartbeatsSection heartbeats={heartbeats} now={now} /> : null}
      <AppliancePollsSection polls={polls} now={now} />
    </div>
  );
}
