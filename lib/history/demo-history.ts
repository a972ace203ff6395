import type { BillingStatus } from "@/lib/billing";
import { MS_PER_DAY } from "@/lib/billing/time";
import { addUtcDays, dayKey, minutesFailingOn, utcDayStart } from "./compliance-math";

// Pure: a plausible past for a demo fleet, so the compliance screens show what
// they are for on the first day. Most appliances send all along; some had
// failures of hours or days that a send then proved over; one came within the
// critical threshold of its VRA disconnect, one went past it; a few were added
// part-way. Only `npm run demo` uses it, and it marks what it writes.

export interface DemoAppliance {
  id: string;
  name: string;
  tenant: string;
  region: string;
  role: "production" | "test";
  /** The licence sends no usage (trial, NFR): exempt, or a misfit warning on a production role. */
  sendsNothing: boolean;
  /** The billing alert it shows now turned on then; the live worker records that failure from here on. */
  failingSince: Date | null;
}

export interface DemoEpisode {
  applianceId: string;
  applianceName: string;
  tenant: string;
  region: string;
  role: "production" | "test";
  startedAt: Date;
  criticalAt: Date | null;
  disconnectedAt: Date | null;
  endedAt: Date;
  endedBy: "send-proven";
}

export interface DemoDay {
  applianceId: string;
  day: string;
  applianceName: string;
  tenant: string;
  region: string;
  role: "production" | "test";
  worstStatus: BillingStatus;
  lastStatus: BillingStatus;
  minutesFailing: number;
}

export interface DemoHistory {
  from: string;
  to: string;
  episodes: DemoEpisode[];
  days: DemoDay[];
}

export interface DemoOptions {
  days: number;
  graceDays: number;
  criticalDays: number;
  random: () => number;
}

const HOUR = 3_600_000;

type Span = { startedAt: Date; endedAt: Date | null };

/** The status a failure that began at `startedAt` shows at `at` (DOMAIN.md: days left, rounded down). */
function failureStatus(startedAt: Date, at: Date, options: DemoOptions): BillingStatus {
  const left = startedAt.getTime() + options.graceDays * MS_PER_DAY - at.getTime();
  if (left <= 0) return "disconnected";
  return Math.floor(left / MS_PER_DAY) <= options.criticalDays ? "critical" : "warning";
}

const SEVERITY: BillingStatus[] = ["disconnected", "critical", "warning", "ok"];
const worse = (a: BillingStatus, b: BillingStatus) => (SEVERITY.indexOf(a) <= SEVERITY.indexOf(b) ? a : b);

/** Worst and last status of one day, from the failures overlapping it. */
function dayStatus(day: Date, spans: readonly Span[], now: Date, options: DemoOptions): { worst: BillingStatus; last: BillingStatus } {
  const end = new Date(Math.min(day.getTime() + MS_PER_DAY, now.getTime()) - 1);
  let worst: BillingStatus = "ok";
  let last: BillingStatus = "ok";
  for (const span of spans) {
    const overlapEnd = new Date(Math.min(span.endedAt?.getTime() ?? Infinity, end.getTime()));
    if (span.startedAt.getTime() > end.getTime() || overlapEnd.getTime() < day.getTime()) continue;
    worst = worse(worst, failureStatus(span.startedAt, overlapEnd, options));
    if (span.endedAt === null || span.endedAt.getTime() > end.getTime()) last = worse(last, failureStatus(span.startedAt, end, options));
  }
  return { worst, last };
}

function episodeOf(appliance: DemoAppliance, startedAt: Date, endedAt: Date, options: DemoOptions): DemoEpisode {
  const disconnectAt = startedAt.getTime() + options.graceDays * MS_PER_DAY;
  const criticalFrom = disconnectAt - (options.criticalDays + 1) * MS_PER_DAY;
  return {
    applianceId: appliance.id,
    applianceName: appliance.name,
    tenant: appliance.tenant,
    region: appliance.region,
    role: appliance.role,
    startedAt,
    criticalAt: endedAt.getTime() > criticalFrom ? new Date(Math.max(criticalFrom, startedAt.getTime())) : null,
    disconnectedAt: endedAt.getTime() > disconnectAt ? new Date(disconnectAt) : null,
    endedAt,
    endedBy: "send-proven",
  };
}

/** Past failures of one appliance between `from` and `until`, none overlapping, none reaching `until`. */
function pastFailures(from: Date, until: Date, durations: number[], options: DemoOptions): Span[] {
  const spans: Span[] = [];
  const room = until.getTime() - from.getTime();
  for (const duration of durations) {
    if (duration >= room - MS_PER_DAY) continue;
    const startedAt = new Date(from.getTime() + Math.floor(options.random() * (room - duration - HOUR)));
    const endedAt = new Date(startedAt.getTime() + duration);
    const clash = spans.some((span) => startedAt.getTime() < (span.endedAt as Date).getTime() + MS_PER_DAY && endedAt.getTime() + MS_PER_DAY > span.startedAt.getTime());
    if (!clash) spans.push({ startedAt, endedAt });
  }
  return spans;
}

/** Ordinary failures: mostly a few hours (a firewall or proxy change), now and then a few days. */
function ordinaryDurations(options: DemoOptions): number[] {
  const roll = options.random();
  const count = roll < 0.55 ? 0 : roll < 0.88 ? 1 : 2;
  return Array.from({ length: count }, () =>
    options.random() < 0.75 ? Math.round((2 + options.random() * 28) * HOUR) : Math.round((2 + options.random() * 3) * MS_PER_DAY),
  );
}

/**
 * `options.days` days of history ending yesterday (UTC) for the fleet: the
 * failure episodes that ended, and every appliance's day from its first data.
 */
export function planDemoHistory(appliances: readonly DemoAppliance[], now: Date, options: DemoOptions): DemoHistory {
  const today = utcDayStart(now);
  const from = addUtcDays(today, -options.days);
  const sending = appliances.filter((appliance) => appliance.role === "production" && !appliance.sendsNothing);
  const healthy = sending.filter((appliance) => appliance.failingSince === null);
  // One near-disconnect (critical, then fixed in time) and one that went past its disconnect.
  const near = healthy[0]?.id;
  const past = healthy[1]?.id;
  const episodes: DemoEpisode[] = [];
  const days: DemoDay[] = [];
  for (const [index, appliance] of appliances.entries()) {
    // A few appliances were added part-way: they count from their first data.
    const joinedDays = index % 9 === 4 ? Math.floor(options.days * (0.25 + options.random() * 0.5)) : options.days;
    const firstDay = addUtcDays(today, -joinedDays);
    const liveFrom = appliance.failingSince && appliance.failingSince.getTime() < today.getTime() ? appliance.failingSince : null;
    const until = liveFrom ? utcDayStart(liveFrom) : today;
    let durations = appliance.role === "production" && !appliance.sendsNothing ? ordinaryDurations(options) : [];
    if (appliance.id === near) durations = [options.graceDays * MS_PER_DAY - (options.criticalDays - 1) * MS_PER_DAY - 5 * HOUR, ...durations];
    if (appliance.id === past) durations = [(options.graceDays + 1) * MS_PER_DAY + 7 * HOUR, ...durations];
    const spans = pastFailures(firstDay, until, durations, options);
    for (const span of spans) episodes.push(episodeOf(appliance, span.startedAt, span.endedAt as Date, options));
    const failures: Span[] = liveFrom ? [...spans, { startedAt: liveFrom, endedAt: null }] : spans;
    for (let day = firstDay; day.getTime() < today.getTime(); day = addUtcDays(day, 1)) {
      const exempt = appliance.sendsNothing && appliance.role === "test";
      const misfit = appliance.sendsNothing && appliance.role === "production";
      const { worst, last } = exempt
        ? { worst: "exempt" as const, last: "exempt" as const }
        : misfit
          ? { worst: "warning" as const, last: "warning" as const }
          : dayStatus(day, failures, now, options);
      days.push({
        applianceId: appliance.id,
        day: dayKey(day),
        applianceName: appliance.name,
        tenant: appliance.tenant,
        region: appliance.region,
        role: appliance.role,
        worstStatus: worst,
        lastStatus: last,
        minutesFailing: exempt || misfit ? 0 : minutesFailingOn(day, failures, now),
      });
    }
  }
  return { from: dayKey(from), to: dayKey(addUtcDays(today, -1)), episodes, days };
}
