export type {
  AlertObservation,
  ApplianceRole,
  BillingEvidence,
  BillingFigures,
  BillingSettings,
  BillingStatus,
  BillingView,
  LicenceClass,
  MigrationReadiness,
  Reachability,
  SendSource,
  StatusReason,
} from "./types";
export { DEFAULT_BILLING_SETTINGS } from "./default-settings";
export { computeBillingFigures, computeBillingView } from "./compute-billing-view";
export { parseZertoVersion, isAtLeast9, type ZertoVersion } from "./version";
export { classifyLicence, licenceSendsUsage, isProductionMisfit, assessLicenceFit } from "./licence";
export {
  AlertPatternError,
  DEFAULT_ALERT_PATTERNS,
  compileAlertPatterns,
  type AlertMatcher,
  type AlertPatterns,
  type CompiledAlertPatterns,
} from "./alert-patterns";
export {
  classifyZvmAlert,
  summariseAlerts,
  type AlertSummary,
  type ZvmAlertKind,
  type ZvmAlertSnapshot,
  type ZvmAlertText,
} from "./classify-alerts";
export { assessMigrationReadiness } from "./migration-readiness";
export { BILLING_DAY_OF_MONTH, hasRecentProof, isBillingDayAtRisk, isBillingDayUnproven, nextBillingDay } from "./billing-day";
