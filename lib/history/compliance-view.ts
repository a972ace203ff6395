import { shareOf } from "@/lib/format/number-format";
import { addUtcDays, billingDayOf, billingMonthStart, dayKey, meanOf, utcDayStart, type DailyTotals } from "./compliance-math";
import {
  currentBillingMonth,
  lastBillingMonth,
  lastFullMonth,
  shiftPeriod,
  type CompliancePeriod,
} from "./compliance-period";
import type { ComplianceTableId } from "./compliance-tables";
import type { ComplianceReport } from "./get-compliance-report";

// Pure: what the compliance page shows besides its tables: the period links,
// the chart's points, the current billing month's calendar and the totals.

export interface PeriodLink {
  label: string;
  href: string;
  current: boolean;
}

export interface ChartDay {
  day: string;
  recorded: boolean;
  /** 0–1, null on days without history. */
  share: number | null;
  compliant: number;
  mustSend: number;
}

export interface CalendarDay {
  day: string;
  share: number | null;
  state: "recorded" | "no-data" | "to-come";
  billingDay: boolean;
}

export interface TotalFigure {
  label: string;
  kind: "share" | "minutes" | "count";
  value: number | null;
  testId?: string;
}

export const hrefOf = (path: string, query: Record<string, string | undefined>) => {
  const search = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
};

const samePeriod = (a: CompliancePeriod, query: Record<string, string>) =>
  Object.keys(query).length === Object.keys(a.query).length && Object.entries(query).every(([key, value]) => a.query[key] === value);

/** Quick links: the last full month, this month, the last and the current billing month, and the neighbours of the one shown. */
export function periodLinks(period: CompliancePeriod, now: Date, extra: Record<string, string | undefined> = {}): PeriodLink[] {
  const thisMonth = dayKey(utcDayStart(now)).slice(0, 7);
  const links: { label: string; query: Record<string, string> }[] = [
    { label: "Last month", query: { month: lastFullMonth(now) } },
    { label: "This month", query: { month: thisMonth } },
    { label: "Last billing month", query: { billing: lastBillingMonth(now) } },
    { label: "This billing month", query: { billing: currentBillingMonth(now) } },
  ];
  const previous = shiftPeriod(period, -1, now);
  const next = shiftPeriod(period, 1, now);
  const neighbours = [
    previous ? { label: `← ${previous.label}`, query: previous.query } : null,
    next ? { label: `${next.label} →`, query: next.query } : null,
  ].filter((item): item is { label: string; query: Record<string, string> } => item !== null);
  return [...neighbours, ...links].map((link) => ({
    label: link.label,
    href: hrefOf("/compliance", { ...link.query, ...extra }),
    current: samePeriod(period, link.query),
  }));
}

export function chartDays(report: Pick<ComplianceReport, "daily">): ChartDay[] {
  return report.daily.map((day) => ({
    day: day.day,
    recorded: day.recorded,
    share: day.recorded ? shareOf(day.compliant, day.mustSend) : null,
    compliant: day.compliant,
    mustSend: day.mustSend,
  }));
}

export interface BillingCalendar {
  from: string;
  billingDay: string;
  days: CalendarDay[];
}

/** The billing month under way, day by day, for the calendar strip; `recorded` holds the days with history. */
export function billingCalendar(recorded: ReadonlyMap<string, Pick<DailyTotals, "compliant" | "mustSend">>, now: Date): BillingCalendar {
  const today = utcDayStart(now);
  const billingDay = billingDayOf(today);
  const start = billingMonthStart(billingDay);
  const days: CalendarDay[] = [];
  for (let day = start; day.getTime() <= billingDay.getTime(); day = addUtcDays(day, 1)) {
    const key = dayKey(day);
    const found = recorded.get(key);
    days.push({
      day: key,
      share: found ? shareOf(found.compliant, found.mustSend) : null,
      state: found ? "recorded" : day.getTime() > today.getTime() ? "to-come" : "no-data",
      billingDay: key === dayKey(billingDay),
    });
  }
  return { from: dayKey(start), billingDay: dayKey(billingDay), days };
}

export function totalFigures(report: Pick<ComplianceReport, "totals">): TotalFigure[] {
  const { totals } = report;
  return [
    { label: "Compliant (appliance-days)", kind: "share", value: shareOf(totals.compliant, totals.mustSend), testId: "figure-share" },
    { label: "Time failing", kind: "minutes", value: totals.minutesFailing },
    { label: "Near-disconnects", kind: "count", value: totals.nearDisconnects },
    { label: "Disconnects", kind: "count", value: totals.disconnects },
    { label: "Recoveries", kind: "count", value: totals.recoveries },
    { label: "Mean time to recover", kind: "minutes", value: meanOf(totals.recoveryMinutes, totals.recoveries) },
  ];
}

/** Where a table's CSV is: the same period and filter as the page. */
export function csvHref(table: ComplianceTableId, report: Pick<ComplianceReport, "period" | "applianceFilter">): string {
  return hrefOf("/api/v1/compliance/export", {
    table,
    ...(table === "months" ? {} : report.period.query),
    ...(table === "appliances" ? { appliances: report.applianceFilter } : {}),
  });
}
