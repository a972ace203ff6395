import { z } from "zod";
import { BILLING_DAY_OF_MONTH } from "@/lib/billing";
import { ValidationError } from "@/lib/errors";
import { addUtcDays, dayKey, parseDayKey, utcDayStart } from "./compliance-math";

// Pure: the period a manager names for the compliance figures. Every period is
// a run of whole UTC days, first and last included; one that reaches today
// covers today so far.

export const PERIOD_KINDS = ["month", "billing-month", "range"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const MAX_RANGE_DAYS = 366;
/** Rolling windows kept for API clients of the first version (`?days=30`). */
export const ROLLING_DAYS = [30, 90, 365] as const;

export interface CompliancePeriod {
  kind: PeriodKind;
  /** First and last UTC day, "YYYY-MM-DD", both included. */
  from: string;
  to: string;
  /** The last day with figures: `to`, or today when the period is under way. */
  through: string;
  /** The period is under way: today counts so far, the days after it are to come. */
  partial: boolean;
  /** "October 2026", "Billing month 4 October 2026 to 3 November 2026", "2026-10-05 to 2026-10-19". */
  label: string;
  /** The query string that names this period again, e.g. { month: "2026-10" }. */
  query: Record<string, string>;
  /** For a billing month: the billing day it ends on. */
  billingDay: string | null;
}

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

const monthSchema = z.string().trim().regex(monthPattern, "must be a month such as 2026-10");
const daySchema = z
  .string()
  .trim()
  .regex(dayPattern, "must be a day such as 2026-10-05")
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && dayKey(parseDayKey(value)) === value, "is not a calendar day");

/** What the page, the CSV export and the API accept; at most one way of naming the period. */
export const periodQuerySchema = z
  .object({
    month: monthSchema.optional(),
    billing: monthSchema.optional(),
    from: daySchema.optional(),
    to: daySchema.optional(),
    days: z.coerce
      .number()
      .int()
      .refine((value) => (ROLLING_DAYS as readonly number[]).includes(value), `must be ${ROLLING_DAYS.join(", ")}`)
      .optional(),
  })
  .superRefine((value, context) => {
    const named = [value.month, value.billing, value.from ?? value.to, value.days].filter((part) => part !== undefined);
    if (named.length > 1) {
      context.addIssue({ code: "custom", path: ["month"], message: "name one period: month, billing, from and to, or days" });
    }
    if ((value.from === undefined) !== (value.to === undefined)) {
      context.addIssue({ code: "custom", path: [value.from === undefined ? "from" : "to"], message: "a custom range needs both from and to" });
    }
  });

export type PeriodQuery = z.input<typeof periodQuerySchema>;

function monthStart(year: number, monthIndex: number): Date {
  return new Date(Date.UTC(year, monthIndex, 1));
}

function parseMonth(value: string): { year: number; monthIndex: number } {
  const [, year, month] = monthPattern.exec(value) as RegExpExecArray;
  return { year: Number(year), monthIndex: Number(month) - 1 };
}

function monthKey(day: Date): string {
  return dayKey(day).slice(0, 7);
}

function humanDay(day: Date): string {
  return `${day.getUTCDate()} ${MONTH_NAMES[day.getUTCMonth()]} ${day.getUTCFullYear()}`;
}

function finish(
  kind: PeriodKind,
  from: Date,
  to: Date,
  today: Date,
  label: string,
  query: Record<string, string>,
  billingDay: Date | null = null,
): CompliancePeriod {
  if (from.getTime() > today.getTime()) {
    throw new ValidationError(`${label} has not started yet; the newest day with figures is ${dayKey(today)}.`, Object.keys(query)[0]);
  }
  const through = to.getTime() > today.getTime() ? today : to;
  return {
    kind,
    from: dayKey(from),
    to: dayKey(to),
    through: dayKey(through),
    partial: to.getTime() >= today.getTime(),
    label,
    query,
    billingDay: billingDay ? dayKey(billingDay) : null,
  };
}

/** A calendar month, "2026-10": the 1st to the last day, UTC. */
export function calendarMonthPeriod(month: string, now: Date): CompliancePeriod {
  const { year, monthIndex } = parseMonth(month);
  const from = monthStart(year, monthIndex);
  const to = addUtcDays(monthStart(year, monthIndex + 1), -1);
  return finish("month", from, to, utcDayStart(now), `${MONTH_NAMES[monthIndex]} ${year}`, { month });
}

/**
 * The billing month that ends on the billing day of `month` ("2026-11": 4 October
 * to 3 November 2026): the usage Zerto uploads on the 3rd and reports on.
 */
export function billingMonthPeriod(month: string, now: Date): CompliancePeriod {
  const { year, monthIndex } = parseMonth(month);
  const billingDay = new Date(Date.UTC(year, monthIndex, BILLING_DAY_OF_MONTH));
  const from = new Date(Date.UTC(year, monthIndex - 1, BILLING_DAY_OF_MONTH + 1));
  return finish("billing-month", from, billingDay, utcDayStart(now), `Billing month ${humanDay(from)} to ${humanDay(billingDay)}`, { billing: month }, billingDay);
}

/** Any run of whole UTC days, both ends included, at most a year. */
export function customRangePeriod(fromKey: string, toKey: string, now: Date): CompliancePeriod {
  const from = parseDayKey(fromKey);
  const to = parseDayKey(toKey);
  if (to.getTime() < from.getTime()) throw new ValidationError("to: must be on or after from", "to");
  const days = Math.round((to.getTime() - from.getTime()) / 86_400_000) + 1;
  if (days > MAX_RANGE_DAYS) throw new ValidationError(`to: a range covers at most ${MAX_RANGE_DAYS} days (this one ${days})`, "to");
  return finish("range", from, to, utcDayStart(now), `${fromKey} to ${toKey}`, { from: fromKey, to: toKey });
}

/** The last full calendar month before `now`: what a manager asks about first. */
export function lastFullMonth(now: Date): string {
  return monthKey(monthStart(now.getUTCFullYear(), now.getUTCMonth() - 1));
}

/** The billing month that ended most recently (on the 3rd of this month or the last). */
export function lastBillingMonth(now: Date): string {
  const today = utcDayStart(now);
  const offset = today.getUTCDate() > BILLING_DAY_OF_MONTH ? 0 : -1;
  return monthKey(monthStart(today.getUTCFullYear(), today.getUTCMonth() + offset));
}

/** The billing month under way (ending on the coming billing day). */
export function currentBillingMonth(now: Date): string {
  const today = utcDayStart(now);
  const offset = today.getUTCDate() <= BILLING_DAY_OF_MONTH ? 0 : 1;
  return monthKey(monthStart(today.getUTCFullYear(), today.getUTCMonth() + offset));
}

/** The period a query names; without one, the last full calendar month. */
export function resolvePeriod(query: unknown, now: Date): CompliancePeriod {
  const parsed = periodQuerySchema.safeParse(query ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.map(String).join(".");
    throw new ValidationError(field ? `${field}: ${issue.message}` : issue.message, field || undefined);
  }
  const { month, billing, from, to, days } = parsed.data;
  if (billing) return billingMonthPeriod(billing, now);
  if (from && to) return customRangePeriod(from, to, now);
  if (days) {
    const today = utcDayStart(now);
    const start = dayKey(addUtcDays(today, -(days - 1)));
    return { ...customRangePeriod(start, dayKey(today), now), label: `Last ${days} days`, query: { days: String(days) } };
  }
  return calendarMonthPeriod(month ?? lastFullMonth(now), now);
}

/** Every day key of the period up to its last day with figures. */
export function periodDays(period: Pick<CompliancePeriod, "from" | "through">): string[] {
  const days: string[] = [];
  for (let day = parseDayKey(period.from); dayKey(day) <= period.through; day = addUtcDays(day, 1)) days.push(dayKey(day));
  return days;
}

/** The instants the period covers: from its first midnight to the end of its last day, or to `now` while under way. */
export function periodSpan(period: Pick<CompliancePeriod, "from" | "through">, now: Date): { start: Date; end: Date } {
  const end = addUtcDays(parseDayKey(period.through), 1);
  return { start: parseDayKey(period.from), end: end.getTime() > now.getTime() ? now : end };
}

/** The neighbouring period of the same kind (months and billing months), for previous / next links. */
export function shiftPeriod(period: CompliancePeriod, months: number, now: Date): CompliancePeriod | null {
  const key = period.query.month ?? period.query.billing;
  if (!key) return null;
  const { year, monthIndex } = parseMonth(key);
  const shifted = monthKey(monthStart(year, monthIndex + months));
  try {
    return period.kind === "month" ? calendarMonthPeriod(shifted, now) : billingMonthPeriod(shifted, now);
  } catch (error) {
    if (error instanceof ValidationError) return null;
    throw error;
  }
}
