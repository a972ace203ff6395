import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { REDACTED, shiftTimes, type CapturedExchange, type ZvmCapture } from "../lib/zvm/capture";
import type { Generation } from "./scenarios";
import { readBody, send, type SimulatedZvmInfo, type ZvmStats } from "./simulated-zvm";

const KEYCLOAK_TOKEN_PATH = "/auth/realms/zerto/protocol/openid-connect/token";
const WINDOWS_SIGN_IN = "/v1/session/add";
const SERVER_TIME_PATH = "/v1/serverdatetime/serverdatetimeutc";

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * A ZVM served from a capture (`npm run cli -- appliance capture`): every call
 * the poller makes is answered as the real ZVM answered it. A path captured
 * several times (a transient 503, then 200) is answered in that order, then
 * with its last answer. Sign-in accepts any credentials (the capture holds
 * none) but issues a fresh token; API calls without one get 401. Times in the
 * answers move by (simulator start − capturedAt), the server clock by
 * (now − capturedAt), so the site reads as if captured now.
 */
export class ReplayedZvm {
  readonly id: string;
  readonly name: string;
  readonly generation: Generation;
  readonly dedicated = false;
  readonly requestedPort = 0;
  readonly capture: ZvmCapture;
  url = "";
  fingerprint = "";
  stats: ZvmStats;
  readonly #answers = new Map<string, Answer[]>();
  readonly #served = new Map<string, number>();
  readonly #tokens = new Set<string>();
  readonly #capturedAt: number;
  readonly #shift: boolean;
  readonly #startShiftMs: number;

  constructor(capture: ZvmCapture, id: string, name: string, options: { shiftTimes: boolean }) {
    this.id = id;
    this.name = name;
    this.capture = capture;
    this.#capturedAt = Date.parse(capture.capturedAt);
    this.#shift = options.shiftTimes;
    this.#startShiftMs = this.#shift ? Date.now() - this.#capturedAt : 0;
    this.generation = capture.exchanges.some((exchange) => exchange.path.toLowerCase() === WINDOWS_SIGN_IN && exchange.status < 300)
      ? "windows"
      : "linux";
    for (const exchange of capture.exchanges) {
      const key = keyOf(exchange.method, exchange.path);
      const list = this.#answers.get(key) ?? [];
      list.push(answerOf(exchange));
      this.#answers.set(key, list);
    }
    this.stats = { requests: 0, signIns: { windows: 0, linux: 0 }, signInFailures: 0, rejectedTokens: 0, byEndpoint: {}, connections: null };
  }

  info(): SimulatedZvmInfo {
    return {
      id: this.id,
      name: this.name,
      url: this.url,
      username: "replay",
      password: "replay",
      localUsername: "replay",
      localPassword: "replay",
      clientId: "replay",
      clientSecret: "replay",
      fingerprint: this.fingerprint,
      generation: this.generation,
      scenario: "replay",
      dedicatedPort: false,
      behaviour: null,
    };
  }

  handle(req: IncomingMessage, res: ServerResponse, apiPath: string): void {
    const method = req.method ?? "GET";
    const path = apiPath.toLowerCase();
    this.stats.requests += 1;
    const key = `${method} ${path}`;
    this.stats.byEndpoint[key] = (this.stats.byEndpoint[key] ?? 0) + 1;
    readBody(req, 64 * 1024, () => {
      if (res.destroyed) return;
      if (method === "DELETE" && path === "/v1/session") return send(res, { status: 200, body: null });
      const answer = this.#next(method, req.url ?? apiPath, apiPath);
      if (path === WINDOWS_SIGN_IN || path === KEYCLOAK_TOKEN_PATH) return this.#signIn(res, answer, path === WINDOWS_SIGN_IN);
      if (answer === null) return send(res, { status: 404, body: Buffer.from(JSON.stringify({ Message: "Not captured." })) });
      if (!this.#authorised(req)) {
        this.stats.rejectedTokens += 1;
        return send(res, { status: 401, body: Buffer.from(JSON.stringify({ Message: "Authorization has been denied for this request." })) });
      }
      const deltaMs = !this.#shift ? 0 : path === SERVER_TIME_PATH ? Date.now() - this.#capturedAt : this.#startShiftMs;
      const body = deltaMs === 0 ? answer.body : Buffer.from(shiftTimes(answer.body.toString("utf8"), deltaMs));
      send(res, { status: answer.status, body: body.length === 0 ? null : body, headers: answer.headers });
    });
  }

  /** The next captured answer for this call, the query string matched when captured with one. */
  #next(method: string, rawUrl: string, apiPath: string): Answer | null {
    const query = rawUrl.includes("?") ? rawUrl.slice(rawUrl.indexOf("?")) : "";
    const candidates = [keyOf(method, `${apiPath}${query}`), keyOf(method, apiPath)];
    const key = candidates.find((candidate) => this.#answers.has(candidate));
    if (key === undefined) return null;
    const list = this.#answers.get(key)!;
    const index = this.#served.get(key) ?? 0;
    this.#served.set(key, index + 1);
    return list[Math.min(index, list.length - 1)] ?? null;
  }

  #signIn(res: ServerResponse, answer: Answer | null, windows: boolean): void {
    if (windows) this.stats.signIns.windows += 1;
    else this.stats.signIns.linux += 1;
    if (answer === null) return send(res, { status: 404, body: Buffer.from(JSON.stringify({ error: "Not Found" })) });
    if (answer.status >= 300) {
      this.stats.signInFailures += 1;
      return send(res, { status: answer.status, body: answer.body.length === 0 ? null : answer.body, headers: answer.headers });
    }
    const token = randomUUID();
    this.#tokens.add(token);
    if (windows) return send(res, { status: answer.status, body: null, headers: { ...answer.headers, "x-zerto-session": token } });
    let body: Buffer;
    try {
      const json = JSON.parse(answer.body.toString("utf8")) as Record<string, unknown>;
      body = Buffer.from(JSON.stringify({ ...json, access_token: token, ...(json.refresh_token === REDACTED ? { refresh_token: randomUUID() } : {}) }));
    } catch {
      body = Buffer.from(JSON.stringify({ access_token: token, expires_in: 300, token_type: "Bearer" }));
    }
    send(res, { status: answer.status, body, headers: { ...answer.headers, "content-type": "application/json" } });
  }

  #authorised(req: IncomingMessage): boolean {
    const session = req.headers["x-zerto-session"];
    const bearer = /^bearer /i.test(req.headers.authorization ?? "") ? req.headers.authorization!.slice(7).trim() : undefined;
    const token = typeof session === "string" ? session : bearer;
    return token !== undefined && this.#tokens.has(token);
  }
}

function keyOf(method: string, path: string): string {
  return `${method.toUpperCase()} ${path.toLowerCase()}`;
}

function answerOf(exchange: CapturedExchange): Answer {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(exchange.headers)) {
    const key = name.toLowerCase();
    // Framing is the replaying server's; a redacted credential is never sent back.
    if (["content-length", "transfer-encoding", "connection", "keep-alive", "date"].includes(key) || value === REDACTED) continue;
    headers[key] = value;
  }
  const body = exchange.bodyEncoding === "base64" ? Buffer.from(exchange.body, "base64") : Buffer.from(exchange.body, "utf8");
  return { status: exchange.status, headers, body };
}
