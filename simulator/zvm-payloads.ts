import { BILLING_GRACE_DAYS, type Generation, type ZvmBehaviour } from "./scenarios";

// Builds the JSON a ZVM answers with: camelCase as the Linux appliance writes
// it, PascalCase (and older time formats) for Windows ZVMs. Built once per
// state change so that requests only copy a buffer.

const DAY_MS = 86_400_000;

// Zerto does not publish the billing alerts' help identifiers; these are stand-ins.
export const BILLING_HELP_IDENTIFIER = "LIC0011";
export const DISCONNECTION_HELP_IDENTIFIER = "LIC0012";

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
  const write = (value: unknown) => serialise(site.generation === "windows" ? pascalCase(value) : value);
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
  return { rel: null, href: `https://${site.ipAddress}/v1/${path}`, type, identifier };
}

function localSite(site: SiteFacts, behaviour: ZvmBehaviour) {
  return {
    link: link(site, "localsite", "LocalSiteApi", site.siteIdentifier),
    ...(site.generation === "windows" ? { siteIdentifier: site.siteIdentifier } : {}),
    siteName: site.name,
    location: site.name.split("-")[1] ?? "dc",
    version: behaviour.version,
    ...(displayVersion(behaviour.version) === null ? {} : { displayVersion: displayVersion(behaviour.version) }),
    zvmApiVersion: "1.0",
    contactEmail: "noc@example.net",
    contactName: "NOC",
    contactPhone: "+1 555 0100",
    isReplicationToSelfEnabled: false,
    utcOffsetInMinutes: 0,
    siteType: "VCenter",
    ipAddress: site.ipAddress,
    bandwidthThrottlingInMBs: 0,
    siteTypeVersion: "8.0.2",
    isLoginBannerEnabled: false,
    loginBanner: null,
  };
}

function license(site: SiteFacts, behaviour: ZvmBehaviour, createdAt: number, style: TimeStyle) {
  const days = behaviour.licenseType.toLowerCase().includes("trial") ? 30 : 365;
  return {
    details: {
      licenseKey: `${site.siteIdentifier.slice(0, 8).toUpperCase()}-SIMULATED`,
      licenseType: behaviour.licenseType,
      expiryTime: formatTime(createdAt + days * DAY_MS, style),
      maxVms: 500,
    },
    usage: {
      sitesUsage: [{ siteIdentifier: site.siteIdentifier, siteName: site.name, protectedVmsCount: site.protectedVms }],
      totalVmsCount: site.protectedVms,
    },
  };
}

function alertList(site: SiteFacts, behaviour: ZvmBehaviour, state: AlertState, now: number, style: TimeStyle) {
  const siteLink = link(site, `peersites/${site.siteIdentifier}`, "SiteApi", site.siteIdentifier);
  const alert = (suffix: string, fields: { level: string; entity: string; helpIdentifier: string; description: string; turnedOn: number }) => {
    const identifier = `${site.siteIdentifier}.${suffix}`;
    return {
      link: link(site, `alerts/${identifier}`, "AlertApi", identifier),
      ...(site.generation === "windows" ? { alertIdentifier: identifier } : {}),
      level: fields.level,
      entity: fields.entity,
      isDismissed: false,
      helpIdentifier: fields.helpIdentifier,
      site: siteLink,
      description: fields.description,
      turnedOn: formatTime(fields.turnedOn, style),
      affectedVpgs: [],
      affectedZorgs: [],
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
  if (state.billingAlertSince !== null) {
    const daysFailing = Math.floor((now - state.billingAlertSince) / DAY_MS);
    const daysLeft = Math.max(0, BILLING_GRACE_DAYS - daysFailing);
    alerts.push(
      alert("billing", {
        level: "Warning",
        entity: "Zvm",
        helpIdentifier: BILLING_HELP_IDENTIFIER,
        description:
          "Zerto Virtual Manager did not send site usage information for billing purposes to Zerto servers. " +
          `If the issue is not resolved within ${daysLeft} days, Zerto Virtual Manager will stop communicating with its VRAs.`,
        turnedOn: state.billingAlertSince,
      }),
    );
  }
  if (behaviour.disconnected && state.disconnectedSince !== null) {
    alerts.push(
      alert("disconnection", {
        level: "Error",
        entity: "Zvm",
        helpIdentifier: DISCONNECTION_HELP_IDENTIFIER,
        description:
          "Zerto Virtual Manager did not send site usage information for billing purposes to Zerto servers. " +
          "Zerto Virtual Manager will not communicate with its VRAs until this issue is resolved.",
        turnedOn: state.disconnectedSince,
      }),
    );
  }
  return alerts;
}

// VraStatusApi 0 is Installed; the public enum names no "disconnected" value,
// so the simulator reports 10 (the 10.x enum's last, unnamed value) for it.
const VRA_INSTALLED = 0;
const VRA_NOT_CONNECTED = 10;

function vraList(site: SiteFacts, behaviour: ZvmBehaviour, state: AlertState) {
  const disconnected = behaviour.disconnected && state.disconnectedSince !== null;
  return Array.from({ length: site.vraCount }, (_, index) => {
    const host = `esx${String(index + 1).padStart(2, "0")}.${site.name}.local`;
    return {
      link: link(site, `vras/${index + 1}`, "VraApi", String(index + 1)),
      vraIdentifier: index + 1,
      vraName: `Z-VRA-${host}`,
      status: disconnected ? VRA_NOT_CONNECTED : VRA_INSTALLED,
      upgradeStatus: 4,
      progress: 0,
      vraVersion: behaviour.version,
      vraDisplayVersion: displayVersion(behaviour.version) ?? behaviour.version,
      hostVersion: "8.0.2",
      vraGroup: "default_group",
      memoryInGB: 3,
      datastoreName: "ds-vra-01",
      networkName: "VM Network",
      hostIdentifier: `host-${index + 10}`,
      hostDisplayName: host,
      protectedCounters: { vms: 4, volumes: 8, vpgs: 2 },
      recoveryCounters: { vms: 4, volumes: 8, vpgs: 2 },
      selfProtectedVpgs: 0,
      vraAlerts: { vraAlertsStatus: disconnected ? 2 : 0 },
      numOfCpus: 1,
      isGhost: false,
      isVaio: false,
    };
  });
}

/** Deep key conversion to PascalCase, as Windows ZVMs (WCF / Web API) write JSON. */
export function pascalCase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pascalCase);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key.charAt(0).toUpperCase() + key.slice(1)] = pascalCase(item);
  return out;
}
