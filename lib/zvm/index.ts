export { ZvmError, isZvmError, type ZvmErrorReason } from "./errors";
export { normaliseFingerprint } from "./fingerprint";
export { parseZvmTime } from "./parse-time";
export { createZvmSession } from "./session";
export type {
  ZvmAlert,
  ZvmAuthScheme,
  ZvmSendUsageResult,
  ZvmSession,
  ZvmSessionOptions,
  ZvmSnapshot,
  ZvmTarget,
  ZvmVraSummary,
} from "./types";
