import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { DeliveryError } from "./delivery-error";
import { AllowList, hostOf, refusalFor } from "./target-policy";

export interface PostOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  allow: AllowList;
  signal?: AbortSignal;
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
  const client = url.protocol === "https:" ? https : http;
  return new Promise<PostAnswer>((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: "POST",
        headers: { ...options.headers, "content-length": String(Buffer.byteLength(body)) },
        lookup: guardedLookup(options.allow) as unknown as net.LookupFunction,
        agent: false,
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
