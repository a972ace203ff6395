import { BILLING_DAY_OF_MONTH } from "@/lib/billing";
import { MS_PER_DAY } from "@/lib/billing/time";

// Pure arithmetic of the compliance history: UTC days, billing months, overlaps, shares.

export const MINUTES_PER_DAY = 1440;

export function utcDayStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

export function addUtcDays(day: Date, days: number): Date {
  return new Date(day.getTime() + days * MS_PER_DAY);
}

/** "2026-11-22" */
export function dayKey(day: Date): string {
  return day.toISOString().slice(0, 10);
}

export function parseDayKey(key: string): Date {
  return new Date(`${key}T00:00:00.000Z`);
}

/** Whole minutes of the UTC day starting at `dayStart` covered by the episodes, up to `now`. */
export function minutesFailingOn(
  dayStart: Date,
  episodes: readonly { startedAt: Date; endedAt: Date | null }[],
  now: Date,
): number {
  const from = dayStart.getTime();
  const to = Math.min(from + MS_PER_DAY, now.getTime());
  // Merge first: two episodes of one appliance never count the same minute twice.
  const spans = episodes
    .map((episode) => [Math.max(episode.startedAt.getTime(), from), Math.min(episode.endedAt?.getTime() ?? now.getTime(), to)] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let reached = from;
  for (const [start, end] of spans) {
    const begin = Math.max(start, reached);
    if (end > begin) total += end - begin;
    reached = Math.max(reached, end);
  }
  return Math.min(MINUTES_PER_DAY, Math.floor(total / 60_000));
}

export { shareOf } from "@/lib/format/number-format";

export function meanOf(total: number, count: number): number | null {
  return count > 0 ? total / count : null;
}

/**
 * The billing day a UTC day counts towards: usage is uploaded on the 3rd, so a
 * billing month runs from the 4th to the next 3rd, billing day included.
 */
export function billingDayOf(day: Date): Date {
  const monthOffset = day.getUTCDate() <= BILLING_DAY_OF_MONTH ? 0 : 1;
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + monthOffset, BILLING_DAY_OF_MONTH));
}

/** First day of the billing month that ends on `billingDay`. */
export function billingMonthStart(billingDay: Date): Date {
  return new Date(Date.UTC(billingDay.getUTCFullYear(), billingDay.getUTCMonth() - 1, BILLING_DAY_OF_MONTH + 1));
}

/** The totals one day (or one group of days) adds up; every field is a plain sum. */
export interface ComplianceTotals {
  /** Production appliances recorded (on a group: on its latest day). */
  appliances: number;
  /** Appliance-days that had to send (not exempt all day), and those ok all day. */
  mustSend: number;
  compliant: number;
  minutesFailing: number;
  nearDisconnects: number;
  disconnects: number;
  recoveries: number;
  recoveryMinutes: number;
}

export const EMPTY_TOTALS: ComplianceTotals = {
  appliances: 0,
  mustSend: 0,
  compliant: 0,
  minutesFailing: 0,
  nearDisconnects: 0,
  disconnects: 0,
  recoveries: 0,
  recoveryMinutes: 0,
};

export function addTotals(a: ComplianceTotals, b: ComplianceTotals): ComplianceTotals {
  return {
    appliances: b.appliances,
    mustSend: a.mustSend + b.mustSend,
    compliant: a.compliant + b.compliant,
    minutesFailing: a.minutesFailing + b.minutesFailing,
    nearDisconnects: a.nearDisconnects + b.nearDisconnects,
    disconnects: a.disconnects + b.disconnects,
    recoveries: a.recoveries + b.recoveries,
    recoveryMinutes: a.recoveryMinutes + b.recoveryMinutes,
  };
}

export interface DailyTotals extends ComplianceTotals {
  day: string;
}

export interface BillingMonth extends ComplianceTotals {
  billingDay: string;
  from: string;
  to: string;
  daysRecorded: number;
  /** That billing day's own figures, when it is recorded. */
  onBillingDay: { compliant: number; mustSend: number } | null;
}

/** Days (sorted, fleet totals) grouped into billing months, newest first. */
export function groupByBillingMonth(days: readonly DailyTotals[]): BillingMonth[] {
  const months = new Map<string, BillingMonth>();
  for (const day of days) {
    const date = parseDayKey(day.day);
    const billingDay = billingDayOf(date);
    const key = dayKey(billingDay);
    const month =
      months.get(key) ??
      ({
        ...EMPTY_TOTALS,
        billingDay: key,
        from: dayKey(billingMonthStart(billingDay)),
        to: key,
        daysRecorded: 0,
        onBillingDay: null,
      } satisfies BillingMonth);
    const sums = addTotals(month, day);
    months.set(key, {
      ...month,
      ...sums,
      daysRecorded: month.daysRecorded + 1,
      onBillingDay: day.day === key ? { compliant: day.compliant, mustSend: day.mustSend } : month.onBillingDay,
    });
  }
  return [...months.values()].sort((a, b) => b.billingDay.localeCompare(a.billingDay));
}
