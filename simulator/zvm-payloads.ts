import { BILLING_GRACE_DAYS, type Generation, type ZvmBehaviour } from "./scenarios";

// Builds the JSON a ZVM answers with. Real ZVMs of both generations write
// PascalCase (`SiteIdentifier`, `HelpIdentifier`, `TurnedOn`) with lower-case
// keys inside links (`Link.identifier`, `Site.type`), as Zerto's own SDK and
// the public exporters read them; the published OpenAPI shows camelCase, which
// a ZVM can be set to answer instead (`casing: "camel"`). Built once per state
// change so that requests only copy a buffer.

const DAY_MS = 86_400_000;

// From a public Zerto alert catalogue: LIC0012 "Billing usage warning",
// LIC0013 "Critical billing usage warning". Their descriptions are not
// published; the simulator's wording paraphrases Zerto's documentation.
export const BILLING_HELP_IDENTIFIER = "LIC0012";
export const CRITICAL_BILLING_HELP_IDENTIFIER = "LIC0013";
// The disconnection alert's identifier is not published either; LIC0022
// "Unauthorized disconnection from CallHome error" is the closest catalogue
// entry. Lifeline recognises disconnection by its wording.
export const DISCONNECTION_HELP_IDENTIFIER = "LIC0022";
export const VRA_CONNECTION_HELP_IDENTIFIER = "ZVM0002";
/** From this many days failing, the billing alert is the critical one (5 days or fewer left). */
const CRITICAL_AFTER_DAYS = 10;

export interface SiteFacts {
  id: string;
  name: string;
  generation: Generation;
  siteIdentifier: string;
  ipAddress: string;
  vraCount: number;
  protectedVms: number;
  /** A VPG alert unrelated to billing, as real sites often have one. */
  rpoAlert: boolean;
  /** The paired site, whose alerts /v1/alerts lists too. */
  peerSiteIdentifier: string;
  peerSiteName: string;
  /** The paired site fails its own billing sends: its alert must not count here. */
  peerBillingAlert: boolean;
  /** One VRA is being installed (install state 3), as on a site adding a host. */
  vraInstalling: boolean;
}

export interface AlertState {
  billingAlertSince: number | null;
  disconnectedSince: number | null;
  createdAt: number;
}

export interface ZvmBodies {
  localsite: Buffer;
  license: Buffer;
  alerts: Buffer;
  vras: Buffer;
}

export function buildBodies(site: SiteFacts, behaviour: ZvmBehaviour, alerts: AlertState, now: number): ZvmBodies {
  const style = timeStyle(site.generation, behaviour.version);
  const write = (value: unknown) => serialise(behaviour.casing === "camel" ? camelCase(value) : value);
  return {
    localsite: write(localSite(site, behaviour)),
    license: write(license(site, behaviour, alerts.createdAt, style)),
    alerts: write(alertList(site, behaviour, alerts, now, style)),
    vras: write(vraList(site, behaviour, alerts)),
  };
}

export type TimeStyle = "iso-z" | "iso-local" | "wcf";

export function timeStyle(generation: Generation, version: string): TimeStyle {
  if (generation === "linux") return "iso-z";
  return Number.parseInt(version, 10) < 8 ? "wcf" : "iso-local";
}

/** ISO with Z (Linux), ISO without offset (Windows 8–9, UTC implied), or the WCF form (Windows 7). */
export function formatTime(ms: number, style: TimeStyle): string {
  if (style === "wcf") return `/Date(${Math.round(ms)})/`;
  const iso = new Date(ms).toISOString();
  return style === "iso-z" ? iso : iso.slice(0, -1);
}

/** JSON as .NET writes it: the WCF date form keeps its escaped slashes. */
export function serialise(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value).replace(/"\/Date\((-?\d+)\)\/"/g, '"\\/Date($1)\\/"'));
}

function displayVersion(version: string): string | null {
  const [major = 0, minor = 0, patch = 0] = version.split(".").map((part) => Number.parseInt(part, 10) || 0);
  if (major < 9) return null;
  const update = Math.floor(patch / 10);
  return update > 0 ? `${major}.${minor} Update ${update}` : `${major}.${minor}`;
}

function link(site: SiteFacts, path: string, type: string, identifier: string) {
  return { href: `https://${site.ipAddress}/v1/${path}`, identifier, rel: null, type };
}

function localSite(site: SiteFacts, behaviour: ZvmBehaviour) {
  const display = displayVersion(behaviour.version);
  return {
    BandwidthThrottlingInMBs: -1,
    ContactEmail: "noc@example.net",
    ContactName: "NOC",
    ContactPhone: "+1 555 0100",
    IpAddress: site.ipAddress,
    IsReplicationToSelfEnabled: false,
    Link: link(site, "localsite", "LocalSiteApi", site.siteIdentifier),
    Location: site.name.split("-")[1] ?? "dc",
    SiteIdentifier: site.siteIdentifier,
    SiteName: site.name,
    SiteType: "VCenter",
    UtcOffsetInMinutes: 0,
    Version: behaviour.version,
    ...(display === null ? {} : { DisplayVersion: display }),
    ...(site.generation === "linux" ? { SiteTypeVersion: "8.0.2", ZvmApiVersion: "1.0", IsLoginBannerEnabled: false, LoginBanner: null } : {}),
  };
}

function license(site: SiteFacts, behaviour: ZvmBehaviour, createdAt: number, style: TimeStyle) {
  const days = behaviour.licenseType.toLowerCase().includes("trial") ? 30 : 365;
  return {
    Details: {
      ExpiryTime: formatTime(createdAt + days * DAY_MS, style),
      LicenseKey: `${site.siteIdentifier.slice(0, 8).toUpperCase()}-SIMULATED`,
      LicenseType: behaviour.licenseType,
      MaxVms: 500,
    },
    Usage: {
      SitesUsage: [{ ProtectedVmsCount: site.protectedVms, SiteIdentifier: site.siteIdentifier, SiteName: site.name }],
      TotalVmsCount: site.protectedVms,
    },
  };
}

interface AlertFields {
  level: "Warning" | "Error";
  entity: string;
  helpIdentifier: string;
  description: string;
  turnedOn: number;
  peer?: boolean;
}

function alertList(site: SiteFacts, behaviour: ZvmBehaviour, state: AlertState, now: number, style: TimeStyle) {
  const localSite = link(site, `localsite`, "LocalSiteApi", site.siteIdentifier);
  const peerSite = link(site, `peersites/${site.peerSiteIdentifier}`, "PeerSiteApi", site.peerSiteIdentifier);
  const alert = (suffix: string, fields: AlertFields) => {
    const identifier = `${fields.peer ? site.peerSiteIdentifier : site.siteIdentifier}.${suffix}`;
    return {
      AffectedVpgs: [],
      AffectedZorgs: [],
      Description: fields.description,
      Entity: fields.entity,
      HelpIdentifier: fields.helpIdentifier,
      IsDismissed: false,
      Level: fields.level,
      Link: link(site, `alerts/${identifier}`, "AlertApi", identifier),
      Site: fields.peer ? peerSite : localSite,
      TurnedOn: formatTime(fields.turnedOn, style),
    };
  };
  const alerts = [];
  if (site.rpoAlert) {
    alerts.push(
      alert("rpo", {
        level: "Warning",
        entity: "Vpg",
        helpIdentifier: "VPG0010",
        description: `VPG ${site.name}-vpg01 has exceeded its configured RPO of 300 seconds.`,
        turnedOn: state.createdAt - 3_600_000,
      }),
    );
  }
  // Every site is paired; the pair's own alerts appear in this list too.
  alerts.push(
    alert("peer-rpo", {
      level: "Warning",
      entity: "Vpg",
      helpIdentifier: "VPG0009",
      description: `VPG ${site.peerSiteName}-vpg02 is approaching its configured RPO.`,
      turnedOn: state.createdAt - 7_200_000,
      peer: true,
    }),
  );
  if (site.peerBillingAlert) alerts.push(alert("peer-billing", { ...billingAlertFields(site.peerSiteName, 6, state.createdAt - 6 * DAY_MS), peer: true }));
  if (state.billingAlertSince !== null) {
    const daysFailing = Math.floor((now - state.billingAlertSince) / DAY_MS);
    alerts.push(alert("billing", billingAlertFields(site.name, daysFailing, state.billingAlertSince)));
  }
  const disconnected = behaviour.disconnected && state.disconnectedSince !== null;
  if (disconnected) {
    alerts.push(
      alert("disconnection", {
        level: "Error",
        entity: "License",
        helpIdentifier: DISCONNECTION_HELP_IDENTIFIER,
        description:
          "Zerto Virtual Manager did not send site usage information for billing purposes to Zerto servers. " +
          "Zerto Virtual Manager will not communicate with its VRAs until this issue is resolved.",
        turnedOn: state.disconnectedSince!,
      }),
    );
    for (let index = 0; index < site.vraCount; index++) {
      alerts.push(
        alert(`vra-${index + 1}`, {
          level: "Error",
          entity: "Zvm",
          helpIdentifier: VRA_CONNECTION_HELP_IDENTIFIER,
          description: `No connection to VRA Z-VRA-${vraHost(site, index)}.`,
          turnedOn: state.disconnectedSince!,
        }),
      );
    }
  }
  return alerts;
}

/** LIC0012 while more than 5 days are left, LIC0013 after; the wording names the days left. */
function billingAlertFields(siteName: string, daysFailing: number, since: number): AlertFields {
  const daysLeft = Math.max(0, BILLING_GRACE_DAYS - daysFailing);
  const critical = daysFailing >= CRITICAL_AFTER_DAYS;
  return {
    level: critical ? "Error" : "Warning",
    entity: "License",
    helpIdentifier: critical ? CRITICAL_BILLING_HELP_IDENTIFIER : BILLING_HELP_IDENTIFIER,
    description:
      `Zerto Virtual Manager ${siteName} did not send site usage information for billing purposes to Zerto servers. ` +
      `If the issue is not resolved within ${daysLeft} days, Zerto Virtual Manager will stop communicating with its VRAs.`,
    turnedOn: since,
  };
}

function vraHost(site: SiteFacts, index: number): string {
  return `esx${String(index + 1).padStart(2, "0")}.${site.name}.local`;
}

// VraStatusApi: 0 Installed, 3 Installing, … Install states only: a ZVM that
// lost its VRAs says so in alerts (ZVM0002), its VRAs stay "Installed".
const VRA_INSTALLED = 0;
const VRA_INSTALLING = 3;

function vraList(site: SiteFacts, behaviour: ZvmBehaviour, state: AlertState) {
  const disconnected = behaviour.disconnected && state.disconnectedSince !== null;
  return Array.from({ length: site.vraCount }, (_, index) => {
    const host = vraHost(site, index);
    const identifier = String(5_377_857_665_828_093_000 + index);
    return {
      HostDisplayName: host,
      HostIdentifier: `host-${index + 10}`,
      HostVersion: "8.0.2",
      IpAddress: `10.0.${index}.20`,
      IsGhost: false,
      IsVaio: false,
      Link: link(site, `vras/${identifier}`, "VraApi", identifier),
      MemoryInGB: 3,
      NumOfCpus: 1,
      Progress: 0,
      ProtectedCounters: { Vms: 4, Volumes: 8, Vpgs: 2 },
      RecoveryCounters: { Vms: 4, Volumes: 8, Vpgs: 2 },
      SelfProtectedVpgs: 0,
      Status: site.vraInstalling && index === site.vraCount - 1 ? VRA_INSTALLING : VRA_INSTALLED,
      UpgradeStatus: 4,
      VraAlerts: { VraAlertsStatus: disconnected ? 2 : 0 },
      VraDisplayVersion: displayVersion(behaviour.version) ?? behaviour.version,
      VraGroup: "default_group",
      VraIdentifierStr: identifier,
      VraName: `Z-VRA-${host}`,
      VraVersion: behaviour.version,
    };
  });
}

/** The published OpenAPI's casing: the first letter of every key lower-cased (links already are). */
export function camelCase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCase);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key.charAt(0).toLowerCase() + key.slice(1)] = camelCase(item);
  return out;
}
