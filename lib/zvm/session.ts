import { ZvmError, toZvmError } from "./errors";
import { normaliseFingerprint } from "./fingerprint";
import { decodeJson, isSuccess, zvmRequest, type ZvmHttpResponse } from "./http";
import {
  parseAlerts,
  parseKeycloakToken,
  parseLicense,
  parseLocalSite,
  parseSendUsage,
  parseServerTime,
  parseVras,
} from "./parse-responses";
import { leaseApplianceAgent, type AgentLease, type TlsTrust } from "./pinned-agent";
import type {
  ZvmAuthScheme,
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
  readonly #setupError: ZvmError | null = null;
  readonly #baseUrl: string = "";
  readonly #leases = new Map<string, AgentLease>();
  #pin: string | null = null;
  #observedFingerprint: string | null = null;
  #scheme: ZvmAuthScheme | null;
  #token: Token | null = null;
  #signingIn: Promise<Token> | null = null;
  #closed = false;

  constructor(target: ZvmTarget, options: ZvmSessionOptions) {
    this.#target = target;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    this.#requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.#now = options.now ?? (() => new Date());
    this.#onFingerprintObserved = options.onFingerprintObserved;
    this.#scheme = target.authScheme === "auto" ? null : target.authScheme;

    let url: URL | null = null;
    try {
      url = new URL(target.url);
    } catch {
      url = null;
    }
    if (url === null || url.protocol !== "https:") {
      this.#setupError = new ZvmError("network", "network: url must be https://host[:port][/prefix]");
      return;
    }
    this.#baseUrl = `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
    if (target.tlsFingerprintSha256 !== null) {
      this.#pin = normaliseFingerprint(target.tlsFingerprintSha256);
      if (this.#pin === null) this.#setupError = new ZvmError("tls", "tls: pinned fingerprint is not 64 hex digits");
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
    const started = performance.now();
    // Siblings are cancelled as soon as one read fails.
    const reads = new AbortController();
    const cancel = () => reads.abort();
    if (signal?.aborted) throw new ZvmError("timeout", "timeout: aborted");
    signal?.addEventListener("abort", cancel, { once: true });
    try {
      const token = await this.#ensureToken(reads.signal);
      const [clock, site, license, alerts, vras] = await Promise.all([
        this.#readServerTime(reads.signal),
        this.#getJson("/v1/localsite", reads.signal).then(parseLocalSite),
        this.#getJson("/v1/license", reads.signal).then(parseLicense),
        this.#getJson("/v1/alerts", reads.signal).then(parseAlerts),
        this.#getJson("/v1/vras", reads.signal)
          .then(parseVras)
          .catch(() => null),
      ]).catch((error: unknown) => {
        reads.abort();
        throw error;
      });
      return {
        ...site,
        ...license,
        alerts,
        serverTimeUtc: clock.serverTimeUtc,
        clockSkewSeconds: clock.skewSeconds,
        vras,
        authScheme: this.#scheme ?? token.scheme,
        observedFingerprint: this.#observedFingerprint,
        durationMs: Math.round(performance.now() - started),
      };
    } finally {
      signal?.removeEventListener("abort", cancel);
    }
  }

  async sendUsage(signal?: AbortSignal): Promise<ZvmSendUsageResult> {
    this.#checkUsable();
    const res = await this.#apiCall("POST", "/v1/localsite/billing/sendUsage", signal, "");
    if (!isSuccess(res.status)) return { result: "failed", detail: `http ${res.status}` };
    return parseSendUsage(decodeJson(res.body));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    const token = this.#token;
    this.#token = null;
    if (token?.scheme === "windows" && this.#setupError === null) {
      await this.#send("DELETE", "/v1/session", { "x-zerto-session": token.value }, undefined, undefined, SIGN_OUT_TIMEOUT_MS).catch(
        () => undefined,
      );
    }
    this.#closed = true;
    for (const lease of this.#leases.values()) lease.release();
    this.#leases.clear();
  }

  #checkUsable(): void {
    if (this.#setupError) throw this.#setupError;
    if (this.#closed) throw new ZvmError("network", "network: session closed");
  }

  async #readServerTime(signal: AbortSignal): Promise<{ serverTimeUtc: Date; skewSeconds: number }> {
    const res = await this.#apiCall("GET", "/v1/serverDateTime/serverDateTimeUtc", signal);
    const serverTimeUtc = parseServerTime(expectJson(res));
    const midpoint = (res.sentAt + res.receivedAt) / 2;
    return { serverTimeUtc, skewSeconds: Math.round(serverTimeUtc.getTime() - midpoint) / 1000 };
  }

  async #getJson(path: string, signal: AbortSignal): Promise<unknown> {
    return expectJson(await this.#apiCall("GET", path, signal));
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
        throw new ZvmError("auth", "auth: session rejected", { status: 401 });
      }
    }
    if (res.status === 403) throw new ZvmError("auth", "auth: forbidden", { status: 403 });
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

  /** In auto mode: the remembered scheme (or the likelier one) first, the other after a 4xx. */
  async #signIn(signal?: AbortSignal): Promise<Token> {
    const rejected: ZvmError[] = [];
    for (const scheme of this.#signInOrder()) {
      try {
        const token = scheme === "windows" ? await this.#signInWindows(signal) : await this.#signInLinux(signal);
        this.#scheme = scheme;
        this.#token = token;
        return token;
      } catch (error) {
        const zvmError = toZvmError(error);
        const status = zvmError.status ?? 0;
        if (this.#target.authScheme !== "auto" || status < 400 || status > 499) throw zvmError;
        rejected.push(zvmError);
      }
    }
    throw rejected.find((e) => e.reason === "auth") ?? rejected[rejected.length - 1];
  }

  #signInOrder(): ZvmAuthScheme[] {
    if (this.#target.authScheme !== "auto") return [this.#target.authScheme];
    const first = this.#scheme ?? (new URL(this.#baseUrl).port === WINDOWS_DEFAULT_PORT ? "windows" : "linux");
    return first === "windows" ? ["windows", "linux"] : ["linux", "windows"];
  }

  async #signInWindows(signal?: AbortSignal): Promise<Token> {
    const basic = Buffer.from(`${this.#target.username}:${this.#target.password}`).toString("base64");
    const res = await this.#send(
      "POST",
      "/v1/session/add",
      { authorization: `Basic ${basic}`, "content-type": "application/json" },
      JSON.stringify({ AuthenticationMethod: "1" }),
      signal,
    );
    if (!isSuccess(res.status)) throw signInError(res.status);
    const value = res.headers["x-zerto-session"];
    if (typeof value !== "string" || value === "") {
      throw new ZvmError("bad-response", "bad response: no x-zerto-session header");
    }
    return { scheme: "windows", value, validUntil: performance.now() + WINDOWS_SESSION_IDLE_MS };
  }

  async #signInLinux(signal?: AbortSignal): Promise<Token> {
    const form = new URLSearchParams({
      grant_type: "password",
      client_id: "zerto-client",
      username: this.#target.username,
      password: this.#target.password,
    });
    const res = await this.#send(
      "POST",
      KEYCLOAK_TOKEN_PATH,
      { "content-type": "application/x-www-form-urlencoded" },
      form.toString(),
      signal,
    );
    if (!isSuccess(res.status)) throw signInError(res.status);
    const { accessToken, expiresInSeconds } = parseKeycloakToken(expectJson(res));
    const lifetimeMs = (expiresInSeconds ?? 60) * 1000;
    const marginMs = Math.min(30_000, lifetimeMs * 0.1);
    return { scheme: "linux", value: accessToken, validUntil: performance.now() + lifetimeMs - marginMs };
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
  return token.scheme === "windows" ? { "x-zerto-session": token.value } : { authorization: `Bearer ${token.value}` };
}

function signInError(status: number): ZvmError {
  if (status === 401 || status === 403) return new ZvmError("auth", "auth: credentials rejected", { status });
  return new ZvmError("http", `http ${status}`, { status });
}

function expectJson(res: ZvmHttpResponse): unknown {
  if (!isSuccess(res.status)) throw new ZvmError("http", `http ${res.status}`, { status: res.status });
  return decodeJson(res.body);
}
