export type ZvmAuthScheme = "windows" | "linux";

export interface ZvmTarget {
  /** e.g. https://zvm.example:9669, or with a path prefix https://127.0.0.1:8443/zvm/17 */
  url: string;
  username: string;
  password: string;
  authScheme: "auto" | ZvmAuthScheme;
  /** SHA-256 of the leaf certificate, 64 hex digits with or without colons. */
  tlsFingerprintSha256: string | null;
  trustOnFirstUse: boolean;
}

export interface ZvmAlert {
  identifier: string | null;
  level: string | null;
  entity: string | null;
  helpIdentifier: string | null;
  description: string | null;
  turnedOn: Date | null;
  isDismissed: boolean;
  site: string | null;
}

export interface ZvmVraSummary {
  total: number;
  notConnected: number;
}

export interface ZvmSnapshot {
  siteName: string | null;
  siteIdentifier: string | null;
  version: string | null;
  displayVersion: string | null;
  siteType: string | null;
  licenseType: string | null;
  licenseExpiry: Date | null;
  maxVms: number | null;
  totalVmsCount: number | null;
  alerts: ZvmAlert[];
  serverTimeUtc: Date | null;
  /** ZVM UTC minus the local clock at the midpoint of the time request. */
  clockSkewSeconds: number | null;
  /** null when /v1/vras could not be read (some versions and roles). */
  vras: ZvmVraSummary | null;
  authScheme: ZvmAuthScheme;
  /** Leaf certificate fingerprint of the connection used (normalised), for TOFU storage. */
  observedFingerprint: string | null;
  durationMs: number;
}

export interface ZvmSendUsageResult {
  result: "passed" | "failed";
  detail: string;
}

export interface ZvmSessionOptions {
  /** TCP + TLS handshake limit per connection; default 5 s. */
  connectTimeoutMs?: number;
  /** Limit for one HTTP call from start to last body byte; default 15 s. */
  requestTimeoutMs?: number;
  /** The clock that clock skew is measured against; default the system clock. */
  now?: () => Date;
  /** Called once when trust-on-first-use accepts a certificate, to store its fingerprint. */
  onFingerprintObserved?: (fingerprint: string) => void;
}

export interface ZvmSession {
  readSnapshot(signal?: AbortSignal): Promise<ZvmSnapshot>;
  /** The UI's "Test usage transmission to Zerto". */
  sendUsage(signal?: AbortSignal): Promise<ZvmSendUsageResult>;
  /** The scheme that signed in (or the configured one); null while auto has not yet signed in. */
  readonly authScheme: ZvmAuthScheme | null;
  /** The pinned fingerprint, or the one seen on first use / through CA verification. */
  readonly observedFingerprint: string | null;
  /** Signs a Windows session out (best effort) and releases this session's connections. */
  close(): Promise<void>;
}
