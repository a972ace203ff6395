import { createRng } from "./rng";

export type Generation = "windows" | "linux";

export const SCENARIOS = [
  "healthy",
  "failing",
  "disconnected",
  "pre-9",
  "trial",
  "nfr",
  "clock-skew",
  "flaky",
  "slow",
  "cert-change",
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/**
 * passed / failed: as the generation answers them (Windows `["Passed"]` /
 * `["Failed"]`; Linux 204 without content / HTTP 500 with a message);
 * http-500, forbidden (403: the account may not send), not-found (404: no endpoint).
 */
export const SEND_USAGE_RESULTS = ["passed", "failed", "http-500", "forbidden", "not-found"] as const;
export type SendUsageBehaviour = (typeof SEND_USAGE_RESULTS)[number];

/** What one simulated ZVM does; a scenario is a preset of these. */
export interface ZvmBehaviour {
  scenario: ScenarioName;
  version: string;
  licenseType: string;
  /** The billing alert turned on this many days ago; null = no billing alert. */
  failingDays: number | null;
  /** The disconnection alert is on and the VRAs are reported not connected. */
  disconnected: boolean;
  /** ZVM clock minus real time. */
  skewSeconds: number;
  /** Share of API calls (sign-in excluded) that hang, answer 500 or send broken JSON. */
  flakyRate: number;
  /** Added before every answer, sign-in included. */
  delayMs: number;
  sendUsageResult: SendUsageBehaviour;
  /** /v1/vras answers 403, as for roles or versions that cannot read VRAs. */
  vrasUnavailable: boolean;
  /** Key casing: PascalCase as real ZVMs of both generations answer, or the published OpenAPI's camelCase. */
  casing: "pascal" | "camel";
  /** Every Nth API call answers 503 once (never twice in a row), as a busy ZVM or its proxy does; 0 = never. */
  transientEvery: number;
}

/** A control-API or update() patch: `scenario` resets to that preset, then the other fields apply. */
export type ZvmPatch = Partial<ZvmBehaviour>;

export const BILLING_GRACE_DAYS = 15;
/** One API call in this many answers a transient 503 by default: every client must ride it out. */
export const DEFAULT_TRANSIENT_EVERY = 40;

export function defaultVersion(generation: Generation): string {
  return generation === "windows" ? "9.7.10" : "10.0.60";
}

export function scenarioPreset(scenario: ScenarioName, generation: Generation): ZvmBehaviour {
  const base: ZvmBehaviour = {
    scenario,
    version: defaultVersion(generation),
    licenseType: "Cloud",
    failingDays: null,
    disconnected: false,
    skewSeconds: 0,
    flakyRate: 0,
    delayMs: 0,
    sendUsageResult: "passed",
    vrasUnavailable: false,
    casing: "pascal",
    transientEvery: DEFAULT_TRANSIENT_EVERY,
  };
  switch (scenario) {
    case "failing":
      return { ...base, failingDays: 7, sendUsageResult: "failed" };
    case "disconnected":
      return { ...base, failingDays: 20, disconnected: true, sendUsageResult: "failed" };
    case "pre-9":
      return { ...base, version: "8.5.20" };
    case "trial":
      return { ...base, licenseType: "Trial", sendUsageResult: "failed" };
    case "nfr":
      return { ...base, licenseType: "NFR", sendUsageResult: "failed" };
    case "clock-skew":
      return { ...base, skewSeconds: 300 };
    case "flaky":
      return { ...base, flakyRate: 0.3 };
    case "slow":
      return { ...base, delayMs: 2_000 };
    case "healthy":
    case "cert-change":
      return base;
  }
}

export function applyPatch(current: ZvmBehaviour, patch: ZvmPatch, generation: Generation): ZvmBehaviour {
  const base = patch.scenario === undefined ? current : scenarioPreset(patch.scenario, generation);
  const next: ZvmBehaviour = { ...base };
  for (const [key, value] of Object.entries(patch) as [keyof ZvmBehaviour, unknown][]) {
    if (value !== undefined) (next as unknown as Record<string, unknown>)[key] = value;
  }
  return next;
}

/** Licences that send usage; the others never raise the billing alert. */
export function isCloudLicence(licenseType: string): boolean {
  return /^cloud/i.test(licenseType.replace(/[^a-z0-9]/gi, ""));
}

export interface ZvmSpec extends ZvmPatch {
  id?: string;
  name?: string;
  generation?: Generation;
  /** vCenter credentials (Windows, AuthenticationMethod 1) or the Keycloak user (Linux, password grant). */
  username?: string;
  password?: string;
  /** Windows: the ZVM host's own account (AuthenticationMethod 0); default `ZVMHOST\<username>` with the same password. */
  localUsername?: string;
  localPassword?: string;
  /** Linux: a Keycloak client for client_credentials; default `lifeline-monitor` with `secret-<id>`. */
  clientId?: string;
  clientSecret?: string;
  /** Its own HTTPS port and certificate, served at the root path: true for any free port, or a port. */
  dedicatedPort?: boolean | number;
}

const REGIONS = ["ams", "fra", "lon", "par", "nyc", "dal", "sgp", "syd"];

/**
 * A realistic fleet for demos: mostly healthy, some failing at various days,
 * a few disconnected, pre-9.0, trial and NFR licences, skewed clocks, flaky
 * and slow appliances, and (from 20 ZVMs) one on its own port for certificate changes.
 */
export function mixedFleet(count: number, seed = 1): ZvmSpec[] {
  const random = createRng(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const specs: ZvmSpec[] = [];
  for (let i = 0; i < count; i++) {
    const id = String(i + 1);
    const generation: Generation = random() < 0.6 ? "linux" : "windows";
    const spec: ZvmSpec = {
      id,
      name: `zvm-${pick(REGIONS)}-${id.padStart(4, "0")}`,
      generation,
      username: "lifeline",
      password: `pw-${Math.floor(random() * 1e9).toString(36)}`,
    };
    const roll = random();
    if (count >= 20 && i === count - 1) {
      Object.assign(spec, { scenario: "cert-change", dedicatedPort: true });
    } else if (roll < 0.7) {
      spec.scenario = "healthy";
    } else if (roll < 0.79) {
      Object.assign(spec, { scenario: "failing", failingDays: between(0, 14) });
    } else if (roll < 0.82) {
      Object.assign(spec, { scenario: "disconnected", failingDays: between(16, 40) });
    } else if (roll < 0.87) {
      Object.assign(spec, { scenario: "pre-9", generation: "windows", version: pick(["7.5.30", "8.0.40", "8.5.20"]) });
    } else if (roll < 0.9) {
      spec.scenario = "trial";
    } else if (roll < 0.93) {
      spec.scenario = "nfr";
    } else if (roll < 0.96) {
      Object.assign(spec, { scenario: "clock-skew", skewSeconds: pick([-1, 1]) * between(90, 900) });
    } else if (roll < 0.98) {
      Object.assign(spec, { scenario: "flaky", flakyRate: 0.2 });
    } else {
      Object.assign(spec, { scenario: "slow", delayMs: between(300, 1_500) });
    }
    specs.push(spec);
  }
  return specs;
}
