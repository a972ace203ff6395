import { ZvmError, toZvmError } from "./errors";
import { normaliseFingerprint } from "./fingerprint";
import { decodeJson, isSuccess, whereOf, zvmRequest, type ZvmHttpResponse } from "./http";
import {
  errorMessageOf,
  parseAlerts,
  parseKeycloakToken,
  parseLicense,
  parseLocalSite,
  parseSendUsage,
  parseServerTime,
  parseVras,
} from "./parse-responses";
import { leaseApplianceAgent, type AgentLease, type TlsTrust } from "./pinned-agent";
import type { Warn } from "./read-fields";
import type {
  ZvmAuthScheme,
  ZvmIdentity,
  ZvmSendUsageResult,
  ZvmSession,
  ZvmSessionOptions,
  ZvmSnapshot,
  ZvmTarget,
} from "./types";

const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
const SIGN_OUT_TIMEOUT_MS = 2_000;
// Windows ZVMs drop a session after ~30 min idle; renew a little before.
const WINDOWS_SESSION_IDLE_MS = 25 * 60_000;
const WINDOWS_DEFAULT_PORT = "9669";
const KEYCLOAK_TOKEN_PATH = "/auth/realms/zerto/protocol/openid-connect/token";
const SEND_USAGE_PATH = "/v1/localsite/billing/sendUsage";
/** AuthenticationMethod of `POST /v1/session/add`: 1 hypervisor-manager (vCenter) credentials, 0 a Windows account. */
const WINDOWS_AUTHENTICATION_METHOD = { windows: 1, "windows-local": 0 } as const;

type Method = "GET" | "POST" | "DELETE";

interface Token {
  scheme: ZvmAuthScheme;
  value: string;
  /** performance.now() after which the token is not used. */
  validUntil: number;
}

/** A ZVM session: cheap to keep per appliance so tokens and connections are reused across polls. */
export function createZvmSession(target: ZvmTarget, options: ZvmSessionOptions = {}): ZvmSession {
  return new Session(target, options);
}

class Session implements ZvmSession {
  readonly #target: ZvmTarget;
  readonly #connectTimeoutMs: number;
  readonly #requestTimeoutMs: number;
  readonly #now: () => Date;
  readonly #onFingerprintObserved: ((fingerprint: string) => void) | undefined;
  readonly #onExchange: ZvmSessionOptions["onExchange"];
  #where = "the ZVM";
  readonly #setupError: ZvmError | null = null;
  readonly #baseUrl: string = "";
  readonly #leases = new Map<string, AgentLease>();
  #pin: string | null = null;
  #observedFingerprint: string | null = null;
  #scheme: ZvmAuthScheme | null;
  #token: Token | null = null;
  #signingIn: Promise<Token> | null = null;
  #closed = false;
  /** Operations under way (a poll, a test transmission); connections are kept only while there is one. */
  #busy = 0;

  constructor(target: ZvmTarget, options: ZvmSessionOptions) {
    this.#target = target;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    this.#requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.#now = options.now ?? (() => new Date());
    this.#onFingerprintObserved = options.onFingerprintObserved;
    this.#onExchange = options.onExchange;
    this.#scheme = target.authScheme === "auto" ? null : target.authScheme;

    let url: URL | null = null;
    try {
      url = new URL(target.url);
    } catch {
      url = null;
    }
    if (url === null || url.protocol !== "https:") {
      this.#setupError = new ZvmError("network", "the address must be https://host[:port][/prefix].");
      return;
    }
    this.#baseUrl = `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
    this.#where = whereOf(url);
    if (target.tlsFingerprintSha256 !== null) {
      this.#pin = normaliseFingerprint(target.tlsFingerprintSha256);
      if (this.#pin === null) this.#setupError = new ZvmError("tls", "the pinned fingerprint is not 64 hex digits.");
      this.#observedFingerprint = this.#pin;
    }
  }

  get authScheme(): ZvmAuthScheme | null {
    return this.#scheme;
  }

  get observedFingerprint(): string | null {
    return this.#observedFingerprint;
  }

  async readSnapshot(signal?: AbortSignal): Promise<ZvmSnapshot> {
    this.#checkUsable();
    return this.#holdConnections(() => this.#readSnapshot(signal));
  }

  async #readSnapshot(signal?: AbortSignal): Promise<ZvmSnapshot> {
    const started = performance.now();
    // Siblings are cancelled as soon as the one read that must succeed fails.
    const reads = new AbortController();
    const cancel = () => reads.abort();
    if (signal?.aborted) throw new ZvmError("timeout", "the poll ran out of time before it started.");
    signal?.addEventListener("abort", cancel, { once: true });
    const warnings: string[] = [];
    const warn: Warn = (message) => {
      if (warnings.length < 50) warnings.push(message);
    };
    try {
      const token = await this.#ensureToken(reads.signal);
      const [clock, localSite, license, alerts, vras] = await Promise.all([
        this.#optional("server time", () => this.#readServerTime(reads.signal), warn),
        this.#optional("local site", async () => parseLocalSite(await this.#getJson("/v1/localsite", reads.signal), warn), warn),
        this.#optional("licence", async () => parseLicense(await this.#getJson("/v1/license", reads.signal), warn), warn),
        this.#getJson("/v1/alerts", reads.signal).then((json) => parseAlerts(json, warn)),
        this.#optional("VRAs", async () => parseVras(await this.#getJson("/v1/vras", reads.signal), warn), warn),
      ]).catch((error: unknown) => {
        reads.abort();
        throw error;
      });
      return {
        localSite,
        license,
        alerts,
        serverTimeUtc: clock?.serverTimeUtc ?? null,
        clockSkewSeconds: clock?.skewSeconds ?? null,
        vras,
        authScheme: this.#scheme ?? token.scheme,
        observedFingerprint: this.#observedFingerprint,
        warnings,
        durationMs: Math.round(performance.now() - started),
      };
    } finally {
      signal?.removeEventListener("abort", cancel);
    }
  }

  /** Signs in and reads the local site and licence: what adding an appliance tries at once. */
  async readIdentity(signal?: AbortSignal): Promise<ZvmIdentity> {
    this.#checkUsable();
    const ignore: Warn = () => undefined;
    const token = await this.#ensureToken(signal);
    const localSite = parseLocalSite(await this.#getJson("/v1/localsite", signal), ignore);
    const license = await this.#getJson("/v1/license", signal)
      .then((json) => parseLicense(json, ignore))
      .catch((error: unknown) => {
        if (error instanceof ZvmError && error.reason !== "tls-changed" && error.reason !== "timeout") return null;
        throw error;
      });
    return { localSite, license, authScheme: this.#scheme ?? token.scheme, observedFingerprint: this.#observedFingerprint };
  }

  /**
   * sendUsage, the UI's "Test usage transmission to Zerto". A 403 (the account
   * may not send) or 404 (no such endpoint) is an error, not evidence; any other
   * refusal is a failed test carrying the ZVM's message.
   */
  async sendUsage(signal?: AbortSignal): Promise<ZvmSendUsageResult> {
    this.#checkUsable();
    const res = await this.#holdConnections(() => this.#apiCall("POST", SEND_USAGE_PATH, signal, ""));
    if (res.status === 404) {
      throw new ZvmError("not-found", "this ZVM has no sendUsage endpoint (HTTP 404): run the test from its UI (License → Test usage transmission).", { status: 404 });
    }
    if (!isSuccess(res.status)) {
      const message = errorMessageOf(res.body);
      return { result: "failed", detail: `the ZVM refused the send (HTTP ${res.status}${message ? `: ${message}` : ""})` };
    }
    let json: unknown;
    try {
      json = decodeJson(res.body, "the sendUsage answer");
    } catch {
      json = res.body.toString("utf8").trim();
    }
    const answer = parseSendUsage(json, res.status);
    if (answer.result === "unrecognised") throw new ZvmError("bad-response", `${answer.detail}.`);
    return answer;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    const token = this.#token;
    this.#token = null;
    if (token?.scheme.startsWith("windows") && this.#setupError === null) {
      await this.#send("DELETE", "/v1/session", { "x-zerto-session": token.value }, undefined, undefined, SIGN_OUT_TIMEOUT_MS).catch(
        () => undefined,
      );
    }
    this.#closed = true;
    this.#releaseConnections();
  }

  /**
   * Runs one operation with the appliance's connection pool held: its calls share a
   * keep-alive connection (one handshake per poll), and the pool with its sockets goes
   * when the last operation ends. A ZVM read once a minute or less needs no socket in
   * between, and 10,000 idle pools and sockets cost the server more than the handshakes.
   */
  async #holdConnections<T>(operation: () => Promise<T>): Promise<T> {
    this.#busy += 1;
    try {
      return await operation();
    } finally {
      this.#busy -= 1;
      if (this.#busy === 0) this.#releaseConnections();
    }
  }

  #releaseConnections(): void {
    for (const lease of this.#leases.values()) lease.release();
    this.#leases.clear();
  }

  #checkUsable(): void {
    if (this.#setupError) throw this.#setupError;
    if (this.#closed) throw new ZvmError("network", "the ZVM session was closed.");
  }

  async #readServerTime(signal: AbortSignal): Promise<{ serverTimeUtc: Date; skewSeconds: number }> {
    const res = await this.#apiCall("GET", "/v1/serverDateTime/serverDateTimeUtc", signal);
    const serverTimeUtc = parseServerTime(expectJson(res, "/v1/serverDateTime/serverDateTimeUtc"));
    const midpoint = (res.sentAt + res.receivedAt) / 2;
    return { serverTimeUtc, skewSeconds: Math.round(serverTimeUtc.getTime() - midpoint) / 1000 };
  }

  async #getJson(path: string, signal?: AbortSignal): Promise<unknown> {
    return expectJson(await this.#apiCall("GET", path, signal), path);
  }

  /** A read the poll can do without: its failure becomes a warning, unless the poll itself was cancelled. */
  async #optional<T>(what: string, read: () => Promise<T | null>, warn: Warn): Promise<T | null> {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof ZvmError) || error.reason === "tls-changed") throw error;
      if (error.reason === "timeout" && error.message.includes("cancelled")) throw error;
      warn(`${what}: ${error.message} (ignored for this poll)`);
      return null;
    }
  }

  /** An authenticated call; a 401 gets one fresh sign-in and one retry. */
  async #apiCall(method: Method, path: string, signal?: AbortSignal, body?: string): Promise<ZvmHttpResponse> {
    let token = await this.#ensureToken(signal);
    let res = await this.#send(method, path, authHeader(token), body, signal);
    if (res.status === 401) {
      this.#dropToken(token);
      token = await this.#ensureToken(signal);
      res = await this.#send(method, path, authHeader(token), body, signal);
      if (res.status === 401) {
        this.#dropToken(token);
        throw new ZvmError("auth", `the ZVM signed Lifeline in but rejected its session on ${path} (HTTP 401).`, { status: 401 });
      }
    }
    if (res.status === 403) {
      const doing = path === SEND_USAGE_PATH ? "send usage data" : `read ${path}`;
      throw new ZvmError("forbidden", `the monitoring account may not ${doing} (HTTP 403): give it a role that may, or use another account.`, {
        status: 403,
      });
    }
    if (token.scheme === "windows") token.validUntil = performance.now() + WINDOWS_SESSION_IDLE_MS;
    return res;
  }

  #ensureToken(signal?: AbortSignal): Promise<Token> {
    const token = this.#token;
    if (token !== null && performance.now() < token.validUntil) return Promise.resolve(token);
    if (this.#signingIn === null) {
      this.#signingIn = this.#signIn(signal).finally(() => {
        this.#signingIn = null;
      });
    }
    return this.#signingIn;
  }

  #dropToken(token: Token): void {
    if (this.#token === token) this.#token = null;
  }

  /** In auto mode: the remembered scheme (or the likelier one) first, the other generation after a 4xx. */
  async #signIn(signal?: AbortSignal): Promise<Token> {
    const rejected: ZvmError[] = [];
    for (const scheme of this.#signInOrder()) {
      try {
        const token =
          scheme === "windows" || scheme === "windows-local"
            ? await this.#signInWindows(scheme, signal)
            : await this.#signInLinux(scheme, signal);
        this.#scheme = scheme;
        this.#token = token;
        return token;
      } catch (error) {
        const zvmError = toZvmError(error, this.#where);
        const status = zvmError.status ?? 0;
        if (this.#target.authScheme !== "auto" || status < 400 || status > 499) throw zvmError;
        rejected.push(zvmError);
      }
    }
    throw rejected.find((e) => e.reason === "auth") ?? rejected[rejected.length - 1];
  }

  /** `auto` tries the two common ones: vCenter credentials on Windows, the password grant on Linux. */
  #signInOrder(): ZvmAuthScheme[] {
    if (this.#target.authScheme !== "auto") return [this.#target.authScheme];
    const first = this.#scheme ?? (new URL(this.#baseUrl).port === WINDOWS_DEFAULT_PORT ? "windows" : "linux");
    const other: ZvmAuthScheme = first.startsWith("windows") ? "linux" : "windows";
    return [first, other];
  }

  async #signInWindows(scheme: "windows" | "windows-local", signal?: AbortSignal): Promise<Token> {
    const basic = Buffer.from(`${this.#target.username}:${this.#target.password}`).toString("base64");
    const res = await this.#send(
      "POST",
      "/v1/session/add",
      { authorization: `Basic ${basic}`, "content-type": "application/json" },
      JSON.stringify({ AuthenticationMethod: WINDOWS_AUTHENTICATION_METHOD[scheme] }),
      signal,
    );
    if (!isSuccess(res.status)) throw signInError(res, scheme);
    const value = res.headers["x-zerto-session"];
    if (typeof value !== "string" || value === "") {
      throw new ZvmError("bad-response", "the ZVM accepted the sign-in but sent no x-zerto-session header: is this a Windows ZVM?");
    }
    return { scheme, value, validUntil: performance.now() + WINDOWS_SESSION_IDLE_MS };
  }

  async #signInLinux(scheme: "linux" | "linux-client", signal?: AbortSignal): Promise<Token> {
    const form =
      scheme === "linux"
        ? new URLSearchParams({
            grant_type: "password",
            client_id: "zerto-client",
            username: this.#target.username,
            password: this.#target.password,
          })
        : new URLSearchParams({
            grant_type: "client_credentials",
            client_id: this.#target.username,
            client_secret: this.#target.password,
          });
    const res = await this.#send(
      "POST",
      KEYCLOAK_TOKEN_PATH,
      { "content-type": "application/x-www-form-urlencoded" },
      form.toString(),
      signal,
    );
    if (!isSuccess(res.status)) throw signInError(res, scheme);
    const { accessToken, expiresInSeconds } = parseKeycloakToken(expectJson(res, "the sign-in answer"));
    const lifetimeMs = (expiresInSeconds ?? 60) * 1000;
    const marginMs = Math.min(30_000, lifetimeMs * 0.1);
    return { scheme, value: accessToken, validUntil: performance.now() + lifetimeMs - marginMs };
  }

  async #send(
    method: Method,
    path: string,
    headers: Record<string, string>,
    body: string | undefined,
    signal: AbortSignal | undefined,
    timeoutMs = this.#requestTimeoutMs,
  ): Promise<ZvmHttpResponse> {
    this.#checkUsable();
    const trust = this.#trust();
    const wantPeerFingerprint = this.#observedFingerprint === null;
    const res = await zvmRequest({
      agent: this.#agentFor(trust),
      url: new URL(`${this.#baseUrl}${path}`),
      method,
      headers: { accept: "application/json", ...headers },
      body,
      connectTimeoutMs: this.#connectTimeoutMs,
      timeoutMs,
      signal,
      wantPeerFingerprint,
      clock: () => this.#now().getTime(),
      verifiesWithCa: trust.kind === "ca",
      ...(this.#onExchange ? { observe: this.#onExchange } : {}),
    });
    if (wantPeerFingerprint && res.peerFingerprint !== null && this.#observedFingerprint === null) {
      this.#observe(res.peerFingerprint, trust);
    }
    return res;
  }

  #trust(): TlsTrust {
    if (this.#pin !== null) return { kind: "pin", fingerprint: this.#pin };
    return this.#target.trustOnFirstUse ? { kind: "first-use" } : { kind: "ca" };
  }

  #agentFor(trust: TlsTrust) {
    const key = trust.kind === "pin" ? trust.fingerprint : trust.kind;
    let lease = this.#leases.get(key);
    if (lease === undefined) {
      lease = leaseApplianceAgent(this.#baseUrl, trust);
      this.#leases.set(key, lease);
    }
    return lease.agent;
  }

  /** First use: the certificate seen is pinned for the rest of this session and reported once. */
  #observe(fingerprint: string, trust: TlsTrust): void {
    this.#observedFingerprint = fingerprint;
    if (trust.kind !== "first-use") return;
    this.#pin = fingerprint;
    try {
      this.#onFingerprintObserved?.(fingerprint);
    } catch {
      // The caller's storage failing must not fail the poll; the snapshot carries it too.
    }
  }
}

function authHeader(token: Token): Record<string, string> {
  return token.scheme.startsWith("windows") ? { "x-zerto-session": token.value } : { authorization: `Bearer ${token.value}` };
}

const SCHEME_HINT: Record<ZvmAuthScheme, string> = {
  windows: "vCenter (hypervisor-manager) credentials, AuthenticationMethod 1",
  "windows-local": "a Windows account of the ZVM host, AuthenticationMethod 0",
  linux: "a Keycloak user of realm zerto, client zerto-client",
  "linux-client": "a Keycloak client id and secret (client_credentials)",
};

function signInError(res: ZvmHttpResponse, scheme: ZvmAuthScheme): ZvmError {
  const said = errorMessageOf(res.body);
  const words = said ? ` The ZVM said: ${said}.` : "";
  if (res.status === 401 || res.status === 403 || (res.status === 400 && /invalid_(grant|client)|unauthorized/i.test(said ?? ""))) {
    return new ZvmError(
      "auth",
      `credentials rejected (HTTP ${res.status}) signing in with ${SCHEME_HINT[scheme]}: check the user name, password and sign-in method.${words}`,
      { status: res.status },
    );
  }
  if (res.status === 404) {
    return new ZvmError("http", `the ZVM has no ${scheme.startsWith("windows") ? "Windows" : "Linux (Keycloak)"} sign-in at this address (HTTP 404): check the port and the sign-in method.`, {
      status: 404,
    });
  }
  return new ZvmError("http", `signing in failed: the ZVM answered HTTP ${res.status}.${words}`, { status: res.status });
}

function expectJson(res: ZvmHttpResponse, what: string): unknown {
  if (res.status === 404) throw new ZvmError("http", `the ZVM has no ${what} (HTTP 404): is this a ZVM, and its API at this address?`, { status: 404 });
  if (!isSuccess(res.status)) {
    const said = errorMessageOf(res.body);
    throw new ZvmError("http", `the ZVM answered HTTP ${res.status} on ${what}${said ? `: ${said}` : ""}.`, { status: res.status });
  }
  return decodeJson(res.body, what);
}
