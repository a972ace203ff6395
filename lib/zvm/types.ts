/**
 * How Lifeline signs in to a ZVM:
 * - `windows`: Windows ZVM, `POST /v1/session/add` with AuthenticationMethod 1
 *   (vCenter / hypervisor-manager credentials, what Zerto's samples send);
 * - `windows-local`: the same with AuthenticationMethod 0 (a Windows account of the ZVM host);
 * - `linux`: Linux ZVM, Keycloak password grant with client `zerto-client`;
 * - `linux-client`: Linux ZVM, Keycloak client_credentials grant with a client an
 *   admin created (username = client id, password = client secret).
 */
export const ZVM_AUTH_SCHEMES = ["windows", "windows-local", "linux", "linux-client"] as const;
export type ZvmAuthScheme = (typeof ZVM_AUTH_SCHEMES)[number];
export type ZvmAuthChoice = "auto" | ZvmAuthScheme;
export const ZVM_AUTH_CHOICES = ["auto", ...ZVM_AUTH_SCHEMES] as const;

/** The sign-in choices as forms offer them. */
export const ZVM_AUTH_OPTIONS: readonly { value: ZvmAuthChoice; label: string }[] = [
  { value: "auto", label: "auto — by port: Windows vCenter credentials on 9669, else Linux Keycloak user" },
  { value: "windows", label: "windows — vCenter credentials (AuthenticationMethod 1)" },
  { value: "windows-local", label: "windows-local — a Windows account of the ZVM host (AuthenticationMethod 0)" },
  { value: "linux", label: "linux — Keycloak user of realm zerto (client zerto-client)" },
  { value: "linux-client", label: "linux-client — Keycloak client id and secret (client_credentials)" },
];

export interface ZvmTarget {
  /** e.g. https://zvm.example:9669, or with a path prefix https://127.0.0.1:8443/zvm/17 */
  url: string;
  username: string;
  password: string;
  authScheme: ZvmAuthChoice;
  /** SHA-256 of the leaf certificate, 64 hex digits with or without colons. */
  tlsFingerprintSha256: string | null;
  trustOnFirstUse: boolean;
}

export interface ZvmAlert {
  identifier: string | null;
  /** As the ZVM wrote it: a name ("Warning", "Error") or, on some versions, a number. */
  level: string | null;
  entity: string | null;
  helpIdentifier: string | null;
  description: string | null;
  turnedOn: Date | null;
  isDismissed: boolean;
  /** The site the alert belongs to (`Site.identifier`); paired sites' alerts are listed too. */
  site: string | null;
  /** The site link's type, e.g. `PeerSiteApi`. */
  siteType: string | null;
}

/** VRA install states as the ZVM API numbers them (VraStatusApi 0–10); not connection states. */
export const VRA_INSTALL_STATES = [
  "Installed",
  "UnsupportedEsxVersion",
  "NotInstalled",
  "Installing",
  "Removing",
  "InstallationError",
  "HostPasswordChanged",
  "UpdatingIpSettings",
  "DuringChangeHost",
  "HostInMaintenanceMode",
  "HostEnteringMaintenanceMode",
] as const;
export type VraInstallState = (typeof VRA_INSTALL_STATES)[number];

export interface ZvmVraSummary {
  total: number;
  /** VRAs per install state; a state this version does not name shows as "Status <n>". */
  states: Record<string, number>;
}

export interface LocalSiteInfo {
  siteName: string | null;
  siteIdentifier: string | null;
  version: string | null;
  displayVersion: string | null;
  siteType: string | null;
}

export interface LicenseInfo {
  licenseType: string | null;
  licenseExpiry: Date | null;
  maxVms: number | null;
  totalVmsCount: number | null;
}

export interface ZvmSnapshot {
  /** null when /v1/localsite could not be read (a warning says why). */
  localSite: LocalSiteInfo | null;
  /** null when /v1/license could not be read (a warning says why). */
  license: LicenseInfo | null;
  /** Every alert /v1/alerts listed, paired sites' included: see localAlertsOf. */
  alerts: ZvmAlert[];
  serverTimeUtc: Date | null;
  /** ZVM UTC minus the local clock at the midpoint of the time request. */
  clockSkewSeconds: number | null;
  /** null when /v1/vras could not be read (some versions and roles). */
  vras: ZvmVraSummary | null;
  authScheme: ZvmAuthScheme;
  /** Leaf certificate fingerprint of the connection used (normalised), for TOFU storage. */
  observedFingerprint: string | null;
  /** What could not be read and was ignored, in words; the poll itself succeeded. */
  warnings: string[];
  durationMs: number;
}

export interface ZvmSendUsageResult {
  result: "passed" | "failed";
  /** The ZVM's own answer or message, in words. */
  detail: string;
}

/** One HTTP exchange as the session saw it (for capture). */
export interface ZvmExchangeRecord {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
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
  /** Sees every exchange with the ZVM, sign-in included (capture redacts before writing). */
  onExchange?: (exchange: ZvmExchangeRecord) => void;
}

/** Who answered: what adding an appliance reports ("signed in: zvm01, ZVM 10.0 U6, licence Cloud"). */
export interface ZvmIdentity {
  localSite: LocalSiteInfo | null;
  /** null when /v1/license could not be read. */
  license: LicenseInfo | null;
  authScheme: ZvmAuthScheme;
  observedFingerprint: string | null;
}

export interface ZvmSession {
  readSnapshot(signal?: AbortSignal): Promise<ZvmSnapshot>;
  /** Signs in and reads the local site and licence only. */
  readIdentity(signal?: AbortSignal): Promise<ZvmIdentity>;
  /** The UI's "Test usage transmission to Zerto". */
  sendUsage(signal?: AbortSignal): Promise<ZvmSendUsageResult>;
  /** The scheme that signed in (or the configured one); null while auto has not yet signed in. */
  readonly authScheme: ZvmAuthScheme | null;
  /** The pinned fingerprint, or the one seen on first use / through CA verification. */
  readonly observedFingerprint: string | null;
  /** Signs a Windows session out (best effort) and releases this session's connections. */
  close(): Promise<void>;
}

/** A stored sign-in choice (the database checks the set); anything else reads as auto. */
export function asZvmAuthChoice(value: string): ZvmAuthChoice {
  return (ZVM_AUTH_CHOICES as readonly string[]).includes(value) ? (value as ZvmAuthChoice) : "auto";
}
