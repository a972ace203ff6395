import type { BillingStatus } from "@/lib/billing";
import { worseStatus } from "@/lib/fleet/severity";

// Pure: how one sample moves an appliance's UTC day. An appliance counts from
// its first data, not from its registration: before the first poll or heartbeat
// it is "unknown", and counting that would make a healthy appliance's first day
// (and so its tenant's) non-compliant.

export interface DayState {
  name: string;
  tenant: string;
  region: string;
  role: string;
  /** The worst billing status seen that day, and the last one. */
  worst: BillingStatus;
  last: BillingStatus;
  minutes: number;
}

export interface DaySample {
  name: string;
  tenant: string;
  region: string;
  role: string;
  billingStatus: BillingStatus;
  /** Newest fresh data; null = never read. */
  lastDataAt: Date | null;
}

/** Whether the sample says anything about the appliance's sending yet. */
export function hasFirstData(sample: Pick<DaySample, "lastDataAt" | "billingStatus">): boolean {
  return sample.lastDataAt !== null && sample.billingStatus !== "unknown";
}

/** The day after this sample; null while the appliance has given no data (the day does not count). */
export function nextDayState(previous: DayState | undefined, sample: DaySample, minutesFailing: number): DayState | null {
  if (!hasFirstData(sample)) return previous ?? null;
  return {
    name: sample.name,
    tenant: sample.tenant,
    region: sample.region,
    role: sample.role,
    worst: worseStatus(previous?.worst, sample.billingStatus),
    last: sample.billingStatus,
    minutes: minutesFailing,
  };
}

export function sameDayState(a: DayState | undefined, b: DayState): boolean {
  return a !== undefined && (Object.keys(b) as (keyof DayState)[]).every((key) => a[key] === b[key]);
}
