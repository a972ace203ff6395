import type { BillingEvidence, BillingView } from "@/lib/billing";

/** The fixed clock most cases read the view at. */
export const NOW = new Date("2026-11-10T12:00:00.000Z");
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function at(iso: string): Date {
  return new Date(iso);
}

export function before(reference: Date, ms: number): Date {
  return new Date(reference.getTime() - ms);
}

/** A healthy, freshly polled production cloud ZVM on 10.0 with no alerts: override what a case is about. */
export function evidenceOf(overrides: Partial<BillingEvidence> = {}): BillingEvidence {
  const polledAt = before(NOW, MINUTE);
  return {
    role: "production",
    lastDataAt: polledAt,
    registeredAt: null,
    lastProblem: null,
    version: "10.0.60",
    licenseType: "Cloud",
    billingAlert: { active: false, turnedOn: null },
    disconnectionAlert: { active: false, turnedOn: null },
    billingAlertObservedAt: polledAt,
    lastSuccessfulSend: null,
    firstFailureAfterSuccessAt: null,
    clockSkewSeconds: 2,
    version9SeenAt: at("2026-01-15T09:00:00Z"),
    lastBillingAlertSeenAt: null,
    newEndpointReachability: null,
    ...overrides,
  };
}

export function activeAlert(turnedOn: Date | null) {
  return { active: true, turnedOn };
}

export function reasonCodes(view: BillingView): string[] {
  return view.statusReasons.map((reason) => reason.code);
}
