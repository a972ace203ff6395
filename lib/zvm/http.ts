import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import https from "node:https";
import type { TLSSocket } from "node:tls";
import { ZvmError, isUntrustedCertificateCode, tlsMessage, toZvmError } from "./errors";
import { normaliseFingerprint } from "./fingerprint";
import { durationWords } from "./duration-words";
import { inspectCertificate } from "./inspect-certificate";
import { CONNECT_TIMEOUT_OPTION } from "./pinned-agent";

const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** Answers a ZVM (or a proxy or load balancer before it) gives while busy or restarting. */
const TRANSIENT_STATUSES = new Set([429, 502, 503, 504]);
const MAX_RETRY_AFTER_MS = 5_000;
const DEFAULT_RETRY_AFTER_MS = 250;

export interface ZvmHttpCall {
  agent: https.Agent;
  url: URL;
  method: "GET" | "POST" | "DELETE";
  headers: Record<string, string>;
  body?: string;
  connectTimeoutMs: number;
  /** From the call's start (socket wait and connect included) to the last body byte. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Read the peer certificate's fingerprint from the connection that answered. */
  wantPeerFingerprint?: boolean;
  /** Stamps sentAt / receivedAt; defaults to Date.now. */
  clock?: () => number;
  /** The agent checks certificates against the system CAs (so an untrusted one is worth inspecting). */
  verifiesWithCa?: boolean;
  /** Sees every exchange, a transient answer that is retried included (capture). */
  observe?: (exchange: ZvmExchange) => void;
}

/** One request and its answer, as a capture records it. */
export interface ZvmExchange {
  method: string;
  path: string;
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface ZvmHttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  peerFingerprint: string | null;
  sentAt: number;
  receivedAt: number;
}

/**
 * One HTTPS call; every failure is a ZvmError. A reused keep-alive socket the
 * server had closed is retried at once; a transient answer (429, 502, 503, 504)
 * is retried once after its Retry-After (at most 5 s), within the same deadline.
 */
export async function zvmRequest(call: ZvmHttpCall): Promise<ZvmHttpResponse> {
  const deadline = performance.now() + call.timeoutMs;
  const first = await attemptOnFreshSocket(call, deadline);
  if (!TRANSIENT_STATUSES.has(first.status)) return first;
  const waitMs = retryDelayMs(first.headers["retry-after"], Date.now());
  if (performance.now() + waitMs >= deadline) return first;
  await pause(waitMs, call.signal);
  return attemptOnFreshSocket(call, deadline);
}

async function attemptOnFreshSocket(call: ZvmHttpCall, deadline: number): Promise<ZvmHttpResponse> {
  let res: ZvmHttpResponse;
  try {
    res = await attempt(call, deadline);
  } catch (error) {
    if (!(error instanceof StaleSocketError)) throw await explainUntrusted(call, error);
    res = await attempt(call, deadline).catch(async (retryError: unknown) => {
      throw await explainUntrusted(call, retryError instanceof StaleSocketError ? retryError.error : retryError);
    });
  }
  call.observe?.({ method: call.method, path: `${call.url.pathname}${call.url.search}`, status: res.status, headers: res.headers, body: res.body });
  return res;
}

/** Retry-After in seconds or as an HTTP date, within 0–5 s; absent or unreadable → a short pause. */
export function retryDelayMs(header: string | string[] | undefined, nowMs: number): number {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === "") return DEFAULT_RETRY_AFTER_MS;
  const text = value.trim();
  const ms = /^\d+(?:\.\d+)?$/.test(text) ? Number(text) * 1000 : Date.parse(text) - nowMs;
  if (!Number.isFinite(ms)) return DEFAULT_RETRY_AFTER_MS;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new ZvmError("timeout", "the request was cancelled."));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new ZvmError("timeout", "the request was cancelled."));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** A certificate the system CAs reject: say which one it was, so the operator can pin it. */
async function explainUntrusted(call: ZvmHttpCall, error: unknown): Promise<unknown> {
  if (!(error instanceof ZvmError) || error.reason !== "tls" || !call.verifiesWithCa) return error;
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  if (typeof code !== "string" || !isUntrustedCertificateCode(code)) return error;
  const fingerprint = await inspectCertificate(call.url, call.connectTimeoutMs).catch(() => null);
  if (fingerprint === null) return error;
  return new ZvmError("tls", tlsMessage(code, whereOf(call.url), fingerprint), { cause: error.cause, peerFingerprint: fingerprint });
}

export function whereOf(url: URL): string {
  return url.port === "" ? url.hostname : `${url.hostname}:${url.port}`;
}

class StaleSocketError extends Error {
  constructor(readonly error: ZvmError) {
    super(error.message);
  }
}

function attempt(call: ZvmHttpCall, deadline: number): Promise<ZvmHttpResponse> {
  return new Promise((resolve, reject) => {
    const clock = call.clock ?? Date.now;
    if (call.signal?.aborted) {
      reject(new ZvmError("timeout", "the request was cancelled (the poll ran out of time)."));
      return;
    }
    const remaining = Math.max(1, deadline - performance.now());
    const headers: Record<string, string> = { ...call.headers };
    if (call.body !== undefined) headers["content-length"] = String(Buffer.byteLength(call.body));
    const sentAt = clock();
    let settled = false;
    let responded = false;

    const req = https.request({
      protocol: "https:",
      hostname: call.url.hostname.replace(/^\[|\]$/g, ""),
      port: call.url.port === "" ? 443 : Number(call.url.port),
      path: `${call.url.pathname}${call.url.search}`,
      method: call.method,
      headers,
      agent: call.agent,
      [CONNECT_TIMEOUT_OPTION]: call.connectTimeoutMs,
    } as https.RequestOptions);

    const finish = (error: ZvmError | null, response?: ZvmHttpResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      call.signal?.removeEventListener("abort", onAbort);
      if (error) {
        req.destroy();
        reject(error);
      } else {
        resolve(response!);
      }
    };
    const where = whereOf(call.url);
    const timer = setTimeout(
      () => finish(new ZvmError("timeout", `${where} did not answer ${call.url.pathname} within ${durationWords(call.timeoutMs)}.`)),
      remaining,
    );
    const onAbort = () => finish(new ZvmError("timeout", "the request was cancelled (the poll ran out of time)."));
    call.signal?.addEventListener("abort", onAbort, { once: true });

    req.on("error", (error) => {
      const zvmError = toZvmError(error, where);
      if (!responded && req.reusedSocket && zvmError.reason === "network") {
        if (!settled) {
          settled = true;
          clearTimeout(timer);
          call.signal?.removeEventListener("abort", onAbort);
          reject(new StaleSocketError(zvmError));
        }
        return;
      }
      finish(zvmError);
    });

    req.on("response", (res: IncomingMessage) => {
      responded = true;
      const peerFingerprint = call.wantPeerFingerprint ? fingerprintOf(res.socket as TLSSocket) : null;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          finish(new ZvmError("bad-response", `${where} sent more than ${MAX_BODY_BYTES / 1024 / 1024} MiB for ${call.url.pathname}.`));
          return;
        }
        chunks.push(chunk);
      });
      res.on("error", (error) => finish(toZvmError(error, where)));
      res.on("close", () => {
        if (!res.complete) finish(new ZvmError("network", `${where} closed the connection in the middle of an answer.`));
      });
      res.on("end", () => {
        finish(null, {
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks, size),
          peerFingerprint,
          sentAt,
          receivedAt: clock(),
        });
      });
    });

    req.end(call.body);
  });
}

function fingerprintOf(socket: TLSSocket | null): string | null {
  const raw = socket?.getPeerX509Certificate?.()?.fingerprint256;
  return typeof raw === "string" ? normaliseFingerprint(raw) : null;
}

export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** The body as JSON; undefined when empty. `what` names the answer in the error. */
export function decodeJson(body: Buffer, what = "the answer"): unknown {
  const text = body.toString("utf8").replace(/^\uFEFF/, "");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ZvmError("bad-response", `${what} is not valid JSON.`);
  }
}
