import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import tls from "node:tls";
import { getEnv } from "@/lib/env";
import { DeliveryError } from "./delivery-error";
import { proxyFor, type OutboundProxy } from "./outbound-proxy";
import { AllowList, hostOf, nameRefusalFor, refusalFor } from "./target-policy";

export interface PostOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  allow: AllowList;
  signal?: AbortSignal;
  /** The outbound proxy; omitted: HTTPS_PROXY / NO_PROXY from the environment. */
  proxy?: OutboundProxy | null;
}

export interface PostAnswer {
  status: number;
  body: string;
}

const MAX_ANSWER_BYTES = 64 * 1024;

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * Refuses the connection when any resolved address is special and not allow-listed;
 * checked at connect time, so a name that later resolves elsewhere is caught too.
 */
function guardedLookup(allow: AllowList) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    dns.lookup(hostname, { all: true, family: options.family, hints: options.hints }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = addresses.map((entry) => refusalFor(hostname, entry.address, allow)).find((reason) => reason !== null);
      if (refused) return callback(Object.assign(new Error(refused), { code: "ETARGETREFUSED" }), []);
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/** Throws the refusal for a URL whose host is a special address literal. */
export function assertTargetAllowed(url: URL, allow: AllowList): void {
  const host = hostOf(url);
  if (net.isIP(host)) {
    const refused = refusalFor(host, host, allow);
    if (refused) throw new DeliveryError(`refused: ${refused}`, { retryable: false, refused: true });
  }
}

/**
 * POSTs a body with a time limit and the address policy; never follows
 * redirects. Answers any HTTP status; throws DeliveryError when no answer came.
 */
export async function postWithPolicy(target: string, body: string, options: PostOptions): Promise<PostAnswer> {
  const url = new URL(target);
  assertTargetAllowed(url, options.allow);
  const signal = options.signal
    ? AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)])
    : AbortSignal.timeout(options.timeoutMs);
  const proxy = proxyFor(options.proxy === undefined ? getEnv().outboundProxy : options.proxy, url);
  // Through a proxy, the proxy resolves the name: only the name itself can be checked here.
  if (proxy) {
    const refused = nameRefusalFor(hostOf(url), options.allow);
    if (refused) throw new DeliveryError(`refused: ${refused}`, { retryable: false, refused: true });
  }
  const tunnel = proxy ? await openTunnel(proxy, url, signal) : null;
  const client = url.protocol === "https:" ? https : http;
  // With createConnection and no agent, Node uses the tunnel; agent: false would open its own socket.
  const connection = tunnel
    ? { createConnection: () => (url.protocol === "https:" ? tls.connect({ socket: tunnel, servername: net.isIP(hostOf(url)) ? undefined : hostOf(url) }) : tunnel) }
    : { lookup: guardedLookup(options.allow) as unknown as net.LookupFunction, agent: false as const };
  return new Promise<PostAnswer>((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: "POST",
        headers: { ...options.headers, "content-length": String(Buffer.byteLength(body)) },
        ...connection,
        signal,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          if (size < MAX_ANSWER_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8").slice(0, MAX_ANSWER_BYTES) }),
        );
        response.on("error", (error) => reject(toDeliveryError(error, signal)));
      },
    );
    request.on("error", (error) => reject(toDeliveryError(error, signal)));
    request.end(body);
  });
}

/** A CONNECT tunnel to the URL's host and port through the proxy; the proxy resolves the name. */
function openTunnel(proxy: OutboundProxy, url: URL, signal: AbortSignal): Promise<net.Socket> {
  const host = hostOf(url);
  const port = url.port !== "" ? url.port : url.protocol === "https:" ? "443" : "80";
  const authority = `${net.isIPv6(host) ? `[${host}]` : host}:${port}`;
  return new Promise<net.Socket>((resolve, reject) => {
    const request = http.request({
      host: proxy.host,
      port: proxy.port,
      method: "CONNECT",
      path: authority,
      headers: { host: authority, ...(proxy.authorization ? { "proxy-authorization": proxy.authorization } : {}) },
      agent: false,
      signal,
    });
    request.on("connect", (response, socket) => {
      if (response.statusCode === 200) {
        resolve(socket);
        return;
      }
      socket.destroy();
      const status = `${response.statusCode ?? 0}${response.statusMessage ? ` ${response.statusMessage}` : ""}`;
      const hint = response.statusCode === 407 ? " (it wants credentials: put them in HTTPS_PROXY as http://user:password@host:port)" : "";
      reject(new DeliveryError(`the proxy ${proxy.display} refused to connect to ${authority}: HTTP ${status}${hint}`, { retryable: true }));
    });
    request.on("error", (error) => {
      if (signal.aborted) return reject(new DeliveryError(`timeout: the proxy ${proxy.display} did not open a tunnel to ${authority} in time`, { retryable: true }));
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === "ECONNREFUSED" ? "refused the connection" : code === "ENOTFOUND" ? "has a name DNS does not know" : "could not be reached";
      reject(new DeliveryError(`the proxy ${proxy.display} (HTTPS_PROXY) ${why}`, { retryable: true }));
    });
    request.end();
  });
}

function toDeliveryError(error: Error, signal: AbortSignal): DeliveryError {
  if ((error as NodeJS.ErrnoException).code === "ETARGETREFUSED") {
    return new DeliveryError(`refused: ${error.message}`, { retryable: false, refused: true });
  }
  if (signal.aborted) return new DeliveryError("timeout: no answer in time", { retryable: true });
  const code = (error as NodeJS.ErrnoException).code;
  return new DeliveryError(`${code ? `${code}: ` : ""}${error.message}`.slice(0, 300), { retryable: true });
}

/** Maps an HTTP answer to success or a DeliveryError that says whether a retry can help. */
export function checkAnswer(answer: PostAnswer, expected: (status: number) => boolean = (status) => status >= 200 && status < 300): string {
  const summary = `http ${answer.status}`;
  if (expected(answer.status)) return summary;
  const retryable = answer.status >= 500 || answer.status === 408 || answer.status === 425 || answer.status === 429;
  const snippet = answer.body.replace(/\s+/g, " ").trim().slice(0, 200);
  throw new DeliveryError(snippet ? `${summary}: ${snippet}` : summary, { retryable });
}
