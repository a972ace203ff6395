export { ZvmError, isZvmError, problemOf, type ZvmErrorReason } from "./errors";
export { normaliseFingerprint } from "./fingerprint";
export { parseZvmTime } from "./parse-time";
export { createZvmSession } from "./session";
export { isLocalAlert, isVraConnectionAlert, localAlertsOf } from "./site-alerts";
export {
  VRA_INSTALL_STATES,
  asZvmAuthChoice,
  ZVM_AUTH_CHOICES,
  ZVM_AUTH_SCHEMES,
  type LicenseInfo,
  type LocalSiteInfo,
  type ZvmAlert,
  type ZvmAuthChoice,
  type ZvmAuthScheme,
  type ZvmExchangeRecord,
  type ZvmIdentity,
  type ZvmSendUsageResult,
  type ZvmSession,
  type ZvmSessionOptions,
  type ZvmSnapshot,
  type ZvmTarget,
  type ZvmVraSummary,
} from "./types";
