import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRng, hashString } from "./rng";
import {
  BILLING_GRACE_DAYS,
  applyPatch,
  isCloudLicence,
  scenarioPreset,
  type Generation,
  type ScenarioName,
  type ZvmBehaviour,
  type ZvmPatch,
  type ZvmSpec,
} from "./scenarios";
import { buildBodies, formatTime, serialise, timeStyle, type SiteFacts, type ZvmBodies } from "./zvm-payloads";

const DAY_MS = 86_400_000;
const MAX_FORM_BYTES = 16 * 1024;
const MAX_TOKENS_PER_ZVM = 1_000;
const KEYCLOAK_TOKEN_PATH = "/auth/realms/zerto/protocol/openid-connect/token";
// Counted by name in the stats; anything else is counted as "(other)".
const KNOWN_PATHS = new Set([
  "/v1/session/add",
  "/v1/session",
  KEYCLOAK_TOKEN_PATH,
  "/v1/localsite",
  "/v1/license",
  "/v1/alerts",
  "/v1/vras",
  "/v1/serverdatetime/serverdatetimeutc",
  "/v1/localsite/billing/sendusage",
]);

export interface ZvmStats {
  /** Every HTTP request routed to this ZVM, sign-ins included. */
  requests: number;
  signIns: { windows: number; linux: number };
  signInFailures: number;
  /** API calls answered 401 for a missing, unknown or expired token. */
  rejectedTokens: number;
  /** "GET /v1/localsite" → count (paths lower-cased). */
  byEndpoint: Record<string, number>;
  /** TCP connections accepted on this ZVM's dedicated port; null when it shares the fleet port. */
  connections: number | null;
}

export interface SimulatedZvmInfo {
  id: string;
  name: string;
  url: string;
  username: string;
  password: string;
  /** Windows: the ZVM host's account (sign-in method windows-local). */
  localUsername: string;
  localPassword: string;
  /** Linux: the Keycloak client (sign-in method linux-client). */
  clientId: string;
  clientSecret: string;
  fingerprint: string;
  generation: Generation;
  /** "replay" for a ZVM served from a capture. */
  scenario: ScenarioName | "replay";
  dedicatedPort: boolean;
  /** null for a replayed ZVM. */
  behaviour: ZvmBehaviour | null;
}

export interface SimulatorSettings {
  /** Linux access-token lifetime (Keycloak expires_in). */
  tokenTtlMs: number;
  /** Windows sessions end after this long without a call. */
  sessionIdleMs: number;
  /** Delayed and held answers, so close() can end them. */
  timers: Set<NodeJS.Timeout>;
}

type Reply = { status: number; body: Buffer | null; headers?: Record<string, string> };

const JSON_TYPE = "application/json; charset=utf-8";
const EMPTY = Buffer.alloc(0);
const WINDOWS_DENIED = serialise({ Message: "Authorization has been denied for this request." });
const WINDOWS_NOT_FOUND = serialise({ Message: "No HTTP resource was found that matches the request URI." });
const WINDOWS_SERVER_ERROR = serialise({ Message: "An error has occurred." });
const LINUX_NOT_FOUND = serialise({ status: 404, error: "Not Found" });
const LINUX_FORBIDDEN = serialise({ status: 403, error: "Forbidden" });
const LINUX_SERVER_ERROR = serialise({ status: 500, error: "Internal Server Error" });
const PASSED = serialise(["Passed"]);
const FAILED = serialise(["Failed"]);
const LINUX_SEND_FAILED = serialise({ Message: "Failed to send usage data to the billing server: the connection to the billing server timed out." });
const WINDOWS_UNAVAILABLE = serialise({ Message: "The service is temporarily unavailable." });
const LINUX_UNAVAILABLE = serialise({ status: 503, error: "Service Unavailable" });
const BROKEN_JSON = Buffer.from('{"siteName": "truncated", "version": ');

export class SimulatedZvm {
  readonly id: string;
  readonly name: string;
  readonly generation: Generation;
  readonly username: string;
  readonly password: string;
  readonly localUsername: string;
  readonly localPassword: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly dedicated: boolean;
  readonly requestedPort: number;
  url = "";
  fingerprint = "";
  behaviour: ZvmBehaviour;
  stats: ZvmStats;
  readonly #site: SiteFacts;
  readonly #settings: SimulatorSettings;
  readonly #random: () => number;
  readonly #tokens = new Map<string, number>();
  readonly #createdAt = Date.now();
  #billingAlertSince: number | null = null;
  #disconnectedSince: number | null = null;
  #bodies!: ZvmBodies;
  /** API calls counted for the transient 503s; the call after one is always answered. */
  #apiCalls = 0;
  #lastWasTransient = false;

  constructor(spec: ZvmSpec, index: number, seed: number, settings: SimulatorSettings) {
    this.id = spec.id ?? String(index + 1);
    const generation: Generation = spec.generation ?? (spec.scenario === "pre-9" ? "windows" : "linux");
    this.generation = generation;
    this.name = spec.name ?? `zvm-${this.id}`;
    this.username = spec.username ?? "lifeline";
    this.password = spec.password ?? `pw-${this.id}`;
    this.localUsername = spec.localUsername ?? `ZVMHOST\\${this.username}`;
    this.localPassword = spec.localPassword ?? this.password;
    this.clientId = spec.clientId ?? "lifeline-monitor";
    this.clientSecret = spec.clientSecret ?? `secret-${this.id}`;
    this.dedicated = (spec.dedicatedPort !== undefined && spec.dedicatedPort !== false) || spec.scenario === "cert-change";
    this.requestedPort = typeof spec.dedicatedPort === "number" ? spec.dedicatedPort : 0;
    this.#settings = settings;
    const idSeed = hashString(`${seed}:${this.id}`);
    this.#random = createRng(idSeed);
    const facts = createRng(idSeed ^ 0x5bd1e995);
    const hex = (n: number) => Array.from({ length: n }, () => Math.floor(facts() * 16).toString(16)).join("");
    this.#site = {
      id: this.id,
      name: this.name,
      generation,
      siteIdentifier: `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
      ipAddress: `10.${(idSeed >>> 16) & 255}.${(idSeed >>> 8) & 255}.${(idSeed & 253) + 1}`,
      vraCount: 2 + (idSeed % 5),
      protectedVms: 10 + (idSeed % 200),
      rpoAlert: facts() < 0.1,
      peerSiteIdentifier: `${hex(8)}-${hex(4)}-4${hex(3)}-b${hex(3)}-${hex(12)}`,
      peerSiteName: `${this.name}-dr`,
      peerBillingAlert: facts() < 0.25,
      vraInstalling: facts() < 0.2,
    };
    this.behaviour = scenarioPreset(spec.scenario ?? "healthy", generation);
    this.stats = emptyStats(this.dedicated);
    this.update(spec);
  }

  info(): SimulatedZvmInfo {
    const failingDays =
      this.#billingAlertSince === null ? null : Math.floor((Date.now() - this.#billingAlertSince) / DAY_MS);
    return {
      id: this.id,
      name: this.name,
      url: this.url,
      username: this.username,
      password: this.password,
      localUsername: this.localUsername,
      localPassword: this.localPassword,
      clientId: this.clientId,
      clientSecret: this.clientSecret,
      fingerprint: this.fingerprint,
      generation: this.generation,
      scenario: this.behaviour.scenario,
      dedicatedPort: this.dedicated,
      behaviour: { ...this.behaviour, failingDays, disconnected: this.#disconnectedSince !== null },
    };
  }

  update(patch: ZvmPatch): void {
    const known: ZvmPatch = {};
    for (const key of Object.keys(scenarioPreset("healthy", this.generation)) as (keyof ZvmBehaviour)[]) {
      if (patch[key] !== undefined) (known as Record<string, unknown>)[key] = patch[key];
    }
    this.behaviour = applyPatch(this.behaviour, known, this.generation);
    const now = Date.now();
    const { failingDays, disconnected } = this.behaviour;
    if (known.scenario !== undefined || known.failingDays !== undefined || known.disconnected !== undefined) {
      this.#billingAlertSince =
        failingDays !== null ? now - failingDays * DAY_MS : disconnected ? now - (BILLING_GRACE_DAYS + 1) * DAY_MS : null;
      this.#disconnectedSince =
        disconnected && this.#billingAlertSince !== null
          ? Math.min(now, this.#billingAlertSince + BILLING_GRACE_DAYS * DAY_MS)
          : null;
    }
    this.#rebuild(now);
  }

  resetStats(): void {
    this.stats = emptyStats(this.dedicated);
  }

  expireTokens(): void {
    this.#tokens.clear();
  }

  #rebuild(now = Date.now()): void {
    this.#bodies = buildBodies(
      this.#site,
      this.behaviour,
      { billingAlertSince: this.#billingAlertSince, disconnectedSince: this.#disconnectedSince, createdAt: this.#createdAt },
      now,
    );
  }

  /** Entry point for one request whose path has had any /zvm/<id> prefix removed. */
  handle(req: IncomingMessage, res: ServerResponse, apiPath: string): void {
    const path = apiPath.toLowerCase();
    const method = req.method ?? "GET";
    this.stats.requests += 1;
    const key = KNOWN_PATHS.has(path) ? `${method} ${path}` : `${method} (other)`;
    this.stats.byEndpoint[key] = (this.stats.byEndpoint[key] ?? 0) + 1;
    const delay = this.behaviour.delayMs;
    if (delay > 0) {
      const timer = setTimeout(() => {
        this.#settings.timers.delete(timer);
        this.#route(req, res, method, path);
      }, delay);
      this.#settings.timers.add(timer);
    } else {
      this.#route(req, res, method, path);
    }
  }

  #route(req: IncomingMessage, res: ServerResponse, method: string, path: string): void {
    if (res.destroyed) return;
    if (path === "/v1/session/add" && method === "POST") return this.#signInWindows(req, res);
    if (path === KEYCLOAK_TOKEN_PATH && method === "POST") return this.#signInLinux(req, res);
    if (path === "/v1/session" && method === "DELETE" && this.generation === "windows") {
      const token = req.headers["x-zerto-session"];
      if (typeof token === "string") this.#tokens.delete(token);
      return send(res, { status: 200, body: null });
    }
    const body = this.#resource(method, path);
    if (body === undefined) return send(res, this.#notFound());
    if (!this.#authorised(req)) {
      this.stats.rejectedTokens += 1;
      return send(res, this.#unauthorised());
    }
    if (this.#transientNow()) {
      return send(res, {
        status: 503,
        body: this.generation === "windows" ? WINDOWS_UNAVAILABLE : LINUX_UNAVAILABLE,
        ...(this.generation === "windows" ? { headers: { "retry-after": "0" } } : {}),
      });
    }
    if (this.behaviour.flakyRate > 0 && this.#random() < this.behaviour.flakyRate) return this.#misbehave(res);
    if (body === "time") {
      const now = Date.now() + this.behaviour.skewSeconds * 1000;
      return send(res, { status: 200, body: serialise(formatTime(now, timeStyle(this.generation, this.behaviour.version))) });
    }
    if (body === "sendUsage") return send(res, this.#sendUsage());
    if (body === this.#bodies.vras && this.behaviour.vrasUnavailable) {
      return send(res, { status: 403, body: this.generation === "windows" ? WINDOWS_DENIED : LINUX_FORBIDDEN });
    }
    send(res, { status: 200, body });
  }

  #resource(method: string, path: string): Buffer | "time" | "sendUsage" | undefined {
    if (method === "GET") {
      switch (path) {
        case "/v1/localsite":
          return this.#bodies.localsite;
        case "/v1/license":
          return this.#bodies.license;
        case "/v1/alerts":
          return this.#bodies.alerts;
        case "/v1/vras":
          return this.#bodies.vras;
        case "/v1/serverdatetime/serverdatetimeutc":
          return "time";
      }
    }
    if (method === "POST" && path === "/v1/localsite/billing/sendusage") return "sendUsage";
    return undefined;
  }

  #transientNow(): boolean {
    const every = this.behaviour.transientEvery;
    this.#apiCalls += 1;
    const transient = every > 0 && !this.#lastWasTransient && this.#apiCalls % every === 0;
    this.#lastWasTransient = transient;
    return transient;
  }

  #authorised(req: IncomingMessage): boolean {
    let token: string | undefined;
    if (this.generation === "windows") {
      const header = req.headers["x-zerto-session"];
      token = typeof header === "string" ? header : undefined;
    } else {
      const header = req.headers.authorization;
      token = header !== undefined && /^bearer /i.test(header) ? header.slice(7).trim() : undefined;
    }
    if (token === undefined) return false;
    const expiresAt = this.#tokens.get(token);
    const now = Date.now();
    if (expiresAt === undefined || expiresAt <= now) {
      if (expiresAt !== undefined) this.#tokens.delete(token);
      return false;
    }
    if (this.generation === "windows") this.#tokens.set(token, now + this.#settings.sessionIdleMs);
    return true;
  }

  /** `POST /v1/session/add`: Basic credentials; AuthenticationMethod 1 vCenter, 0 (the default) the host's account. */
  #signInWindows(req: IncomingMessage, res: ServerResponse): void {
    if (this.generation !== "windows") {
      req.resume();
      return send(res, this.#notFound());
    }
    this.stats.signIns.windows += 1;
    readBody(req, MAX_FORM_BYTES, (body) => {
      if (res.destroyed) return;
      const header = req.headers.authorization ?? "";
      const credentials = /^basic /i.test(header) ? Buffer.from(header.slice(6).trim(), "base64").toString("utf8") : "";
      const method = authenticationMethodOf(body);
      const expected = method === 1 ? `${this.username}:${this.password}` : `${this.localUsername}:${this.localPassword}`;
      if (method === null || credentials !== expected) {
        this.stats.signInFailures += 1;
        return send(res, { status: 401, body: WINDOWS_DENIED, headers: { "www-authenticate": 'Basic realm="Zerto"' } });
      }
      const token = randomUUID();
      this.#issue(token, this.#settings.sessionIdleMs);
      send(res, { status: 200, body: null, headers: { "x-zerto-session": token } });
    });
  }

  /** Keycloak realm zerto: the password grant with client zerto-client, or client_credentials with an admin-made client. */
  #signInLinux(req: IncomingMessage, res: ServerResponse): void {
    if (this.generation !== "linux") {
      req.resume();
      return send(res, this.#notFound());
    }
    this.stats.signIns.linux += 1;
    readBody(req, MAX_FORM_BYTES, (form) => {
      if (res.destroyed) return;
      const fields = new URLSearchParams(form ?? "");
      const fail = (status: number, error: string, description: string) => {
        this.stats.signInFailures += 1;
        send(res, { status, body: serialise({ error, error_description: description }) });
      };
      if (form === null) return fail(400, "invalid_request", "Request too large");
      const grant = fields.get("grant_type");
      let subject: string;
      if (grant === "password") {
        if (fields.get("client_id") !== "zerto-client") return fail(401, "invalid_client", "Invalid client or Invalid client credentials");
        if (fields.get("username") !== this.username || fields.get("password") !== this.password) {
          return fail(401, "invalid_grant", "Invalid user credentials");
        }
        subject = this.username;
      } else if (grant === "client_credentials") {
        const basic = /^basic /i.test(req.headers.authorization ?? "")
          ? Buffer.from((req.headers.authorization ?? "").slice(6).trim(), "base64").toString("utf8").split(":")
          : null;
        const clientId = basic?.[0] ?? fields.get("client_id");
        const clientSecret = basic?.[1] ?? fields.get("client_secret");
        if (clientId !== this.clientId || clientSecret !== this.clientSecret) {
          return fail(401, "unauthorized_client", "Invalid client or Invalid client credentials");
        }
        subject = `service-account-${this.clientId}`;
      } else {
        return fail(400, "unsupported_grant_type", "Unsupported grant_type");
      }
      const ttlSeconds = Math.max(1, Math.round(this.#settings.tokenTtlMs / 1000));
      const token = fakeJwt(subject, ttlSeconds);
      this.#issue(token, this.#settings.tokenTtlMs);
      send(res, {
        status: 200,
        body: serialise({
          access_token: token,
          expires_in: ttlSeconds,
          refresh_expires_in: grant === "password" ? 1800 : 0,
          ...(grant === "password" ? { refresh_token: fakeJwt(subject, 1800) } : {}),
          token_type: "Bearer",
          "not-before-policy": 0,
          ...(grant === "password" ? { session_state: randomUUID() } : {}),
          scope: "profile email",
        }),
      });
    });
  }

  #issue(token: string, lifetimeMs: number): void {
    const now = Date.now();
    if (this.#tokens.size >= MAX_TOKENS_PER_ZVM) {
      for (const [value, expiresAt] of this.#tokens) if (expiresAt <= now) this.#tokens.delete(value);
      if (this.#tokens.size >= MAX_TOKENS_PER_ZVM) this.#tokens.delete(this.#tokens.keys().next().value!);
    }
    this.#tokens.set(token, now + lifetimeMs);
  }

  #sendUsage(): Reply {
    const windows = this.generation === "windows";
    switch (this.behaviour.sendUsageResult) {
      case "passed":
        // As on a real ZVM, a successful transmission clears the banner and its alerts.
        this.behaviour = { ...this.behaviour, failingDays: null, disconnected: false };
        this.#billingAlertSince = null;
        this.#disconnectedSince = null;
        this.#rebuild();
        return windows ? { status: 200, body: PASSED } : { status: 204, body: null };
      case "failed":
        if (this.#billingAlertSince === null && isCloudLicence(this.behaviour.licenseType)) {
          this.#billingAlertSince = Date.now();
          this.behaviour = { ...this.behaviour, failingDays: 0 };
          this.#rebuild();
        }
        return windows ? { status: 200, body: FAILED } : { status: 500, body: LINUX_SEND_FAILED };
      case "http-500":
        return { status: 500, body: windows ? WINDOWS_SERVER_ERROR : LINUX_SERVER_ERROR };
      case "forbidden":
        return { status: 403, body: windows ? WINDOWS_DENIED : LINUX_FORBIDDEN };
      case "not-found":
        return this.#notFound();
    }
  }

  #misbehave(res: ServerResponse): void {
    const roll = this.#random();
    if (roll < 1 / 3) return; // never answers: the client's timeout must end it
    if (roll < 2 / 3) return send(res, { status: 500, body: this.generation === "windows" ? WINDOWS_SERVER_ERROR : LINUX_SERVER_ERROR });
    send(res, { status: 200, body: BROKEN_JSON });
  }

  #notFound(): Reply {
    return { status: 404, body: this.generation === "windows" ? WINDOWS_NOT_FOUND : LINUX_NOT_FOUND };
  }

  #unauthorised(): Reply {
    return this.generation === "windows"
      ? { status: 401, body: WINDOWS_DENIED }
      : { status: 401, body: EMPTY, headers: { "www-authenticate": 'Bearer realm="zerto"' } };
  }
}

function emptyStats(dedicated: boolean): ZvmStats {
  return {
    requests: 0,
    signIns: { windows: 0, linux: 0 },
    signInFailures: 0,
    rejectedTokens: 0,
    byEndpoint: {},
    connections: dedicated ? 0 : null,
  };
}

export function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.headersSent) return;
  const body = reply.body ?? EMPTY;
  const headers: Record<string, string | number> = { "content-length": body.length, ...reply.headers };
  if (body.length > 0) headers["content-type"] = JSON_TYPE;
  res.writeHead(reply.status, headers);
  res.end(body);
}

/** Reads a small body; null when it is larger than the limit. */
export function readBody(req: IncomingMessage, limit: number, done: (body: string | null) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  let finished = false;
  const finish = (body: string | null) => {
    if (finished) return;
    finished = true;
    done(body);
  };
  req.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) over = true;
    else chunks.push(chunk);
  });
  req.on("end", () => finish(over ? null : Buffer.concat(chunks).toString("utf8")));
  req.on("error", () => finish(null));
}

function fakeJwt(subject: string, ttlSeconds: number): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const header = part({ alg: "RS256", typ: "JWT", kid: "simulator" });
  const payload = part({
    exp: now + ttlSeconds,
    iat: now,
    jti: randomUUID(),
    iss: "https://zvm/auth/realms/zerto",
    typ: "Bearer",
    azp: "zerto-client",
    preferred_username: subject,
  });
  return `${header}.${payload}.${randomBytes(32).toString("base64url")}`;
}

/** AuthenticationMethod from the sign-in body (any key case, number or text); absent means 0, as on Windows ZVMs. */
function authenticationMethodOf(body: string | null): 0 | 1 | null {
  if (body === null) return null;
  if (body.trim() === "") return 0;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  if (json === null || typeof json !== "object") return null;
  const entry = Object.entries(json).find(([key]) => key.toLowerCase() === "authenticationmethod");
  if (entry === undefined) return 0;
  const value = Number(entry[1]);
  return value === 0 || value === 1 ? value : null;
}
