import type { BillingStatus } from "@/lib/billing";
import { MS_PER_DAY } from "@/lib/billing/time";

// Pure: how one appliance's failure episodes change at a sample. An episode
// runs from the appliance's failingSince to the moment a sample finds it no
// longer failing; the end is the proven send when there is one, so the time
// to recover does not depend on how often the history job samples.

export interface ApplianceSample {
  applianceId: string;
  name: string;
  tenant: string;
  region: string;
  role: "production" | "test";
  billingStatus: BillingStatus;
  failingSince: Date | null;
  disconnectAt: Date | null;
  lastSuccessfulSendAt: Date | null;
  alertsObservedAt: Date | null;
}

export interface EpisodeState extends EpisodeTags {
  id: string;
  startedAt: Date;
  criticalAt: Date | null;
  disconnectedAt: Date | null;
}

export type EndedBy = "send-proven" | "alert-cleared" | "superseded" | "removed";

export interface EpisodeTags {
  applianceName: string;
  tenant: string;
  region: string;
  role: "production" | "test";
}

export type EpisodeChange =
  | ({ kind: "open"; applianceId: string; startedAt: Date; criticalAt: Date | null; disconnectedAt: Date | null } & EpisodeTags)
  | ({ kind: "reopen"; id: string; criticalAt: Date | null; disconnectedAt: Date | null } & EpisodeTags)
  | ({ kind: "update"; id: string; startedAt: Date; criticalAt: Date | null; disconnectedAt: Date | null } & EpisodeTags)
  | { kind: "close"; id: string; endedAt: Date; endedBy: EndedBy };

const clamp = (at: number, low: number, high: number) => new Date(Math.min(Math.max(at, low), high));
const within = (at: Date | null, after: Date, notAfter: Date) =>
  at !== null && at.getTime() > after.getTime() && at.getTime() <= notAfter.getTime();

/**
 * When the episode first came within the critical threshold and when it reached
 * the disconnect, as far as this sample shows. "Critical" starts when the whole
 * days left drop to the threshold: disconnectAt − (threshold + 1) days.
 */
export function thresholdsReached(
  sample: Pick<ApplianceSample, "billingStatus" | "disconnectAt">,
  startedAt: Date,
  criticalDays: number,
  now: Date,
): { criticalAt: Date | null; disconnectedAt: Date | null } {
  const start = startedAt.getTime();
  const current = now.getTime();
  const disconnectAt = sample.disconnectAt?.getTime() ?? null;
  const disconnected = sample.billingStatus === "disconnected" || (disconnectAt !== null && current >= disconnectAt);
  const disconnectedAt = disconnected ? clamp(disconnectAt ?? current, start, current) : null;
  const criticalFrom = disconnectAt === null ? null : disconnectAt - (criticalDays + 1) * MS_PER_DAY;
  let criticalAt: Date | null = null;
  if (criticalFrom !== null && current > criticalFrom) criticalAt = clamp(criticalFrom, start, current);
  else if (sample.billingStatus === "critical" || disconnected) criticalAt = now;
  if (criticalAt && disconnectedAt && criticalAt.getTime() > disconnectedAt.getTime()) criticalAt = disconnectedAt;
  return { criticalAt, disconnectedAt };
}

const earlier = (kept: Date | null, found: Date | null) =>
  kept === null ? found : found === null ? kept : kept.getTime() <= found.getTime() ? kept : found;

const sameTime = (a: Date | null, b: Date | null) => (a === null ? b === null : b !== null && a.getTime() === b.getTime());

function sameEpisode(a: Omit<EpisodeState, "id">, b: Omit<EpisodeState, "id">): boolean {
  return (
    sameTime(a.startedAt, b.startedAt) &&
    sameTime(a.criticalAt, b.criticalAt) &&
    sameTime(a.disconnectedAt, b.disconnectedAt) &&
    a.applianceName === b.applianceName &&
    a.tenant === b.tenant &&
    a.region === b.region &&
    a.role === b.role
  );
}

function tagsOf(sample: ApplianceSample): EpisodeTags {
  return { applianceName: sample.name, tenant: sample.tenant, region: sample.region, role: sample.role };
}

/** The end of a failure the sample no longer shows: the proven send, else when the alert was seen gone, else now. */
function recoveryOf(sample: ApplianceSample, startedAt: Date, now: Date): { endedAt: Date; endedBy: EndedBy } {
  if (within(sample.lastSuccessfulSendAt, startedAt, now)) return { endedAt: sample.lastSuccessfulSendAt as Date, endedBy: "send-proven" };
  if (within(sample.alertsObservedAt, startedAt, now)) return { endedAt: sample.alertsObservedAt as Date, endedBy: "alert-cleared" };
  return { endedAt: now, endedBy: "alert-cleared" };
}

/**
 * `open`: the appliance's open episode; `lastClosed`: its newest closed one,
 * reopened when the same failure shows again (an alert that flickered off).
 * `sample` null: the appliance was removed.
 */
export function planEpisodeChanges(
  state: { open: EpisodeState | null; lastClosed?: EpisodeState | null },
  sample: ApplianceSample | null,
  criticalDays: number,
  now: Date,
): EpisodeChange[] {
  const { open } = state;
  if (sample === null) return open ? [{ kind: "close", id: open.id, endedAt: now, endedBy: "removed" }] : [];
  const failingSince = sample.failingSince;

  if (failingSince === null) {
    return open ? [{ kind: "close", id: open.id, ...recoveryOf(sample, open.startedAt, now) }] : [];
  }

  if (open && failingSince.getTime() <= open.startedAt.getTime()) {
    // The same failure, or earlier evidence of when it began.
    const reached = thresholdsReached(sample, failingSince, criticalDays, now);
    const update = {
      kind: "update" as const,
      id: open.id,
      startedAt: failingSince,
      criticalAt: earlier(open.criticalAt, reached.criticalAt),
      disconnectedAt: earlier(open.disconnectedAt, reached.disconnectedAt),
      ...tagsOf(sample),
    };
    return sameEpisode(open, update) ? [] : [update];
  }

  const changes: EpisodeChange[] = [];
  if (open) {
    // A new failure began after the open one: it recovered between two samples.
    const proven = within(sample.lastSuccessfulSendAt, open.startedAt, failingSince);
    changes.push({
      kind: "close",
      id: open.id,
      endedAt: proven ? (sample.lastSuccessfulSendAt as Date) : failingSince,
      endedBy: proven ? "send-proven" : "superseded",
    });
  }
  const reached = thresholdsReached(sample, failingSince, criticalDays, now);
  const lastClosed = state.lastClosed;
  if (!open && lastClosed && lastClosed.startedAt.getTime() === failingSince.getTime()) {
    changes.push({
      kind: "reopen",
      id: lastClosed.id,
      criticalAt: earlier(lastClosed.criticalAt, reached.criticalAt),
      disconnectedAt: earlier(lastClosed.disconnectedAt, reached.disconnectedAt),
      ...tagsOf(sample),
    });
    return changes;
  }
  changes.push({ kind: "open", applianceId: sample.applianceId, startedAt: failingSince, ...reached, ...tagsOf(sample) });
  return changes;
}
