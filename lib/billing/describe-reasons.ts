import type { FailureAssessment, FailureSource } from "./assess-failure";
import type { CountdownStatus } from "./decide-billing-status";
import { licenceSendsUsage } from "./licence";
import { formatDays, formatSeconds, formatUtc } from "./time";
import type {
  BillingEvidence,
  BillingSettings,
  BillingStatus,
  LicenceClass,
  MigrationReadiness,
  Reachability,
  StatusReason,
} from "./types";
import { isAtLeast9, parseZertoVersion } from "./version";

export interface ReasonInputs {
  evidence: BillingEvidence;
  settings: BillingSettings;
  failure: FailureAssessment;
  countdown: CountdownStatus;
  daysUntilDisconnect: number | null;
  billingStatus: BillingStatus;
  stale: boolean;
  licenceClass: LicenceClass;
  licenceFinding: StatusReason | null;
  clockSkewFinding: boolean;
  migrationReadiness: MigrationReadiness;
  newEndpointReachability: Reachability;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const SEVERITY_RANK: Record<StatusReason["severity"], number> = { critical: 0, warning: 1, info: 2 };

const SOURCE_WORDS: Record<FailureSource, string> = {
  "billing-alert": "billing alert raised",
  "failed-test": "test transmission failed",
  "disconnection-alert": "disconnection alert raised",
};

/** Worst first, so a screen can show the first reason as the headline. */
export function describeReasons(inputs: ReasonInputs): StatusReason[] {
  const reasons = [
    ...dataReasons(inputs),
    ...failureReasons(inputs),
    ...licenceReasons(inputs),
    ...clockReasons(inputs),
    ...migrationReasons(inputs),
  ];
  return reasons
    .map((reason, order) => ({ reason, order }))
    .sort((a, b) => SEVERITY_RANK[a.reason.severity] - SEVERITY_RANK[b.reason.severity] || a.order - b.order)
    .map(({ reason }) => reason);
}

/** "never reached: credentials rejected", or what is known when no poll has failed yet. */
export function neverReachedWords(lastProblem: string | null): string {
  return `never reached: ${lastProblem ?? "nothing received since it was registered"}`;
}

function dataReasons({ evidence, settings, stale }: ReasonInputs): StatusReason[] {
  if (evidence.lastDataAt === null) {
    if (stale && evidence.registeredAt !== null) {
      return [
        {
          code: "never-reached",
          severity: "warning",
          message:
            `${capitalise(neverReachedWords(evidence.lastProblem))}; no data since it was registered on ` +
            `${formatUtc(evidence.registeredAt)} (limit ${formatSeconds(settings.staleAfterSeconds)}).`,
        },
      ];
    }
    if (evidence.lastProblem !== null) {
      return [
        {
          code: "not-reached-yet",
          severity: "info",
          message: `Not reached yet: ${evidence.lastProblem}. Every poll so far failed; it goes stale ${formatSeconds(
            settings.staleAfterSeconds,
          )} after it was registered.`,
        },
      ];
    }
    return [{ code: "no-data", severity: "info", message: "No data received from this appliance yet." }];
  }
  if (!stale) return [];
  return [
    {
      code: "stale",
      severity: "warning",
      message:
        `No fresh data since ${formatUtc(evidence.lastDataAt)} (limit ${formatSeconds(settings.staleAfterSeconds)}); ` +
        "figures below continue from the last known state.",
    },
  ];
}

function failureReasons({ evidence, settings, failure, countdown, daysUntilDisconnect, stale }: ReasonInputs): StatusReason[] {
  const { failingSince, failingSinceSource, disconnectAt } = failure;
  const reasons: StatusReason[] = [];
  if (failingSince === null || disconnectAt === null) {
    if (evidence.lastDataAt !== null && evidence.billingAlert === null && evidence.lastSuccessfulSend === null) {
      reasons.push({
        code: "no-billing-evidence",
        severity: "info",
        message: "No send result or billing alert state reported yet.",
      });
    }
    return reasons;
  }
  const since = `Usage not sent since ${formatUtc(failingSince)}${
    failingSinceSource ? ` (${SOURCE_WORDS[failingSinceSource]})` : ""
  }`;
  if (failure.disconnectionAlertStands) {
    reasons.push({
      code: "disconnection-alert",
      severity: "critical",
      message: `${since}. The ZVM raised the disconnection alert: it no longer talks to its VRAs and recovery checkpoints are not written.`,
    });
  } else if (countdown === "disconnected") {
    reasons.push({
      code: "grace-expired",
      severity: "critical",
      message: `${since}. The ${formatDays(settings.graceDays)} grace period ended on ${formatUtc(disconnectAt)}: the ZVM ${
        stale ? "has most likely stopped" : "has stopped"
      } talking to its VRAs.`,
    });
  } else {
    reasons.push({
      code: "billing-failing",
      severity: countdown === "critical" ? "critical" : "warning",
      message: `${since}. The ZVM stops talking to its VRAs on ${formatUtc(disconnectAt)} (${formatDays(daysUntilDisconnect ?? 0)} left).`,
    });
  }
  if (failure.alertPersistsAfterSuccess && evidence.lastSuccessfulSend) {
    reasons.push({
      code: "alert-persists-after-success",
      severity: "warning",
      message: `The ZVM still showed its alert after the successful send on ${formatUtc(
        evidence.lastSuccessfulSend.at,
      )}; its countdown keeps running from when the alert turned on.`,
    });
  }
  if (failure.alertStartUnknown) {
    reasons.push({
      code: "alert-start-unknown",
      severity: "warning",
      message:
        "The ZVM did not report when its alert turned on; the countdown runs from when it was first seen, so the real deadline may be earlier.",
    });
  }
  return reasons;
}

function licenceReasons({ evidence, licenceClass, licenceFinding }: ReasonInputs): StatusReason[] {
  if (licenceFinding) return [licenceFinding];
  if (evidence.lastDataAt === null) return [];
  if (licenceClass === "unknown") {
    return [
      {
        code: "licence-unknown",
        severity: "info",
        message: "Licence type not read yet; treated as a cloud production licence that must send usage.",
      },
    ];
  }
  if (licenceSendsUsage(licenceClass)) return [];
  const kind = licenceClass === "other" ? "not a cloud service provider licence" : `a ${licenceClass === "nfr" ? "NFR" : "trial"} licence`;
  return [
    {
      code: "licence-exempt",
      severity: "info",
      message: `Licence "${evidence.licenseType ?? ""}" is ${kind}: it sends no usage data, so billing connectivity is not required.`,
    },
  ];
}

function clockReasons({ evidence, settings, clockSkewFinding }: ReasonInputs): StatusReason[] {
  const skew = evidence.clockSkewSeconds;
  if (!clockSkewFinding || skew === null) return [];
  return [
    {
      code: "clock-skew",
      severity: "warning",
      message: `ZVM clock is ${formatSeconds(skew)} ${skew > 0 ? "ahead of" : "behind"} the monitoring server (limit ${formatSeconds(
        settings.clockSkewLimitSeconds,
      )}); billing needs NTP-synchronised clocks.`,
    },
  ];
}

function migrationReasons({ evidence, migrationReadiness, newEndpointReachability }: ReasonInputs): StatusReason[] {
  if (migrationReadiness === "pending-upgrade" && newEndpointReachability === "unreachable") {
    return [
      {
        code: "new-endpoint-unreachable",
        severity: "warning",
        message: "The 9.0 billing endpoint is unreachable from this site: allow it in the firewall before upgrading to 9.0.",
      },
    ];
  }
  if (migrationReadiness !== "unknown" || evidence.version === null) return [];
  if (parseZertoVersion(evidence.version) === null) {
    return [{ code: "version-unreadable", severity: "info", message: `Version "${evidence.version}" could not be read.` }];
  }
  if (isAtLeast9(evidence.version)) {
    return [
      {
        code: "migration-unconfirmed",
        severity: "info",
        message: "A billing alert was seen since the 9.0 upgrade and no send has been proven since: run a test transmission.",
      },
    ];
  }
  return [];
}
