export type BillingStatus =
  | "ok"
  | "warning"
  | "critical"
  | "disconnected"
  | "exempt"
  | "stale"
  | "unknown";
export type MigrationReadiness = "ready" | "blocked" | "pending-upgrade" | "unknown";
export type Reachability = "reachable" | "unreachable" | "unknown";
export type SendSource = "test-transmission" | "collector";
export type ApplianceRole = "production" | "test";
export type LicenceClass = "production-cloud" | "trial" | "nfr" | "other" | "unknown";

export interface BillingSettings {
  graceDays: number;
  criticalDays: number;
  staleAfterSeconds: number;
  clockSkewLimitSeconds: number;
}

export interface AlertObservation {
  active: boolean;
  turnedOn: Date | null;
}

export interface BillingEvidence {
  role: ApplianceRole;
  /** Newest fresh data (successful poll or accepted heartbeat); null = never seen. */
  lastDataAt: Date | null;
  /** When the appliance was registered: staleness of one never read counts from here (null = not known). */
  registeredAt: Date | null;
  /** The last failed poll's problem in a few words ("credentials rejected"); null after a success or before any poll. */
  lastProblem: string | null;
  version: string | null;
  licenseType: string | null;
  /** null = never observed. */
  billingAlert: AlertObservation | null;
  disconnectionAlert: AlertObservation | null;
  /** When the alert states above were observed (one poll or heartbeat reads both). */
  billingAlertObservedAt: Date | null;
  lastSuccessfulSend: { at: Date; source: SendSource } | null;
  firstFailureAfterSuccessAt: Date | null;
  /** ZVM UTC minus our clock when read. */
  clockSkewSeconds: number | null;
  version9SeenAt: Date | null;
  lastBillingAlertSeenAt: Date | null;
  newEndpointReachability: Reachability | null;
}

export interface StatusReason {
  code: string;
  message: string;
  severity: "info" | "warning" | "critical";
}

export interface BillingView extends BillingFigures {
  statusReasons: StatusReason[];
}

export interface BillingFigures {
  billingStatus: BillingStatus;
  lastSuccessfulSendAt: Date | null;
  lastSuccessfulSendSource: SendSource | null;
  noFailureReportedAt: Date | null;
  failingSince: Date | null;
  disconnectAt: Date | null;
  daysUntilDisconnect: number | null;
  clockSkewSeconds: number | null;
  clockSkewFinding: boolean;
  licenceClass: LicenceClass;
  licenceFinding: StatusReason | null;
  migrationReadiness: MigrationReadiness;
  newEndpointReachability: Reachability;
}
