import type { ApplianceView } from "@/lib/appliances/appliance-view";
import { nextScheduledTestAt, scheduledTestExclusion, type ScheduledTestInput } from "./scheduled-test-rule";

export interface ScheduledTestView {
  /** ISO time the next scheduled test is due (now or later); null when none is. */
  dueAt: string | null;
  /** Why none is scheduled, in words; null when one is. */
  why: string | null;
}

/** What the appliance page says about Lifeline's own scheduled tests. */
export function scheduledTestOf(
  appliance: Pick<ApplianceView, "role" | "licenseType" | "lastPolledAt" | "lastSuccessfulSendAt" | "sendForbiddenAt">,
  everyHours: number,
  lastTestRequestedAt: string | null,
  now: Date,
): ScheduledTestView {
  const date = (iso: string | null) => (iso === null ? null : new Date(iso));
  const input: ScheduledTestInput = {
    role: appliance.role,
    licenseType: appliance.licenseType,
    lastDataAt: date(appliance.lastPolledAt),
    lastSuccessfulSendAt: date(appliance.lastSuccessfulSendAt),
    lastTestRequestedAt: date(lastTestRequestedAt),
    sendForbiddenAt: date(appliance.sendForbiddenAt),
  };
  const why = scheduledTestExclusion(input, everyHours);
  if (why !== null) return { dueAt: null, why };
  const due = nextScheduledTestAt(input, everyHours, now);
  if (due === null) return { dueAt: null, why: "after the first successful reading" };
  return { dueAt: new Date(Math.max(due.getTime(), now.getTime())).toISOString(), why: null };
}
