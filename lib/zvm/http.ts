import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import https from "node:https";
import type { TLSSocket } from "node:tls";
import { ZvmError, toZvmError } from "./errors";
import { normaliseFingerprint } from "./fingerprint";
import { CONNECT_TIMEOUT_OPTION } from "./pinned-agent";

const MAX_BODY_BYTES = 8 * 1024 * 1024;

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
}

export interface ZvmHttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  peerFingerprint: string | null;
  sentAt: number;
  receivedAt: number;
}

/** One HTTPS call; every failure is a ZvmError. A reused keep-alive socket the server had closed is retried once. */
export async function zvmRequest(call: ZvmHttpCall): Promise<ZvmHttpResponse> {
  const deadline = performance.now() + call.timeoutMs;
  try {
    return await attempt(call, deadline);
  } catch (error) {
    if (!(error instanceof StaleSocketError)) throw error;
    return attempt(call, deadline).catch((retryError: unknown) => {
      throw retryError instanceof StaleSocketError ? retryError.error : retryError;
    });
  }
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
      reject(new ZvmError("timeout", "timeout: aborted"));
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
    const timer = setTimeout(
      () => finish(new ZvmError("timeout", `timeout after ${call.timeoutMs} ms`)),
      remaining,
    );
    const onAbort = () => finish(new ZvmError("timeout", "timeout: aborted"));
    call.signal?.addEventListener("abort", onAbort, { once: true });

    req.on("error", (error) => {
      const zvmError = toZvmError(error);
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
          finish(new ZvmError("bad-response", "bad response: body too large"));
          return;
        }
        chunks.push(chunk);
      });
      res.on("error", (error) => finish(toZvmError(error)));
      res.on("close", () => {
        if (!res.complete) finish(new ZvmError("network", "network: connection closed"));
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

/** The body as JSON; undefined when empty. */
export function decodeJson(body: Buffer): unknown {
  const text = body.toString("utf8").replace(/^\uFEFF/, "");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ZvmError("bad-response", "bad response: invalid JSON");
  }
}
