export type ZvmErrorReason =
  | "timeout"
  | "auth"
  | "forbidden"
  | "not-found"
  | "tls"
  | "tls-changed"
  | "network"
  | "http"
  | "bad-response";

/**
 * Every failure of a ZVM call. The message is a sentence for the operator —
 * what went wrong and what to do — safe to show and store: it never carries a
 * credential or a token.
 */
export class ZvmError extends Error {
  readonly reason: ZvmErrorReason;
  readonly status?: number;
  /** The certificate the ZVM presented, when it was not trusted (to offer pinning it). */
  readonly peerFingerprint?: string;
  /** The problem in a few words when the reason alone would mislead (see problemOf). */
  readonly problem?: string;

  constructor(
    reason: ZvmErrorReason,
    message: string,
    options: { status?: number; cause?: unknown; peerFingerprint?: string; problem?: string } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ZvmError";
    this.reason = reason;
    if (options.status !== undefined) this.status = options.status;
    if (options.peerFingerprint !== undefined) this.peerFingerprint = options.peerFingerprint;
    if (options.problem !== undefined) this.problem = options.problem;
  }
}

export function isZvmError(error: unknown): error is ZvmError {
  return error instanceof ZvmError;
}

const NETWORK_WORDS: Record<string, (where: string) => string> = {
  ECONNREFUSED: (where) =>
    `connection refused by ${where}: nothing listens there. Check the address and port (Windows ZVM 9669, Linux ZVM 443).`,
  ENOTFOUND: (where) => `the host name of ${where} is not known to DNS. Check the address.`,
  EAI_AGAIN: (where) => `DNS did not answer for ${where} (temporary failure); it is retried at the next poll.`,
  EAI_FAIL: (where) => `DNS failed for ${where}. Check the address and the server's DNS settings.`,
  EHOSTUNREACH: (where) => `no route to ${where}. Check routing and firewalls between Lifeline and the ZVM.`,
  ENETUNREACH: (where) => `the network of ${where} cannot be reached from Lifeline. Check routing.`,
  ENETDOWN: (where) => `Lifeline's network is down; ${where} was not tried.`,
  EHOSTDOWN: (where) => `${where} is down or does not answer on the network.`,
  ETIMEDOUT: (where) => `${where} did not answer the connection in time: a firewall may drop the traffic.`,
  ECONNRESET: (where) => `${where} (or a device in between) reset the connection.`,
  ECONNABORTED: (where) => `the connection to ${where} was aborted.`,
  EPIPE: (where) => `${where} closed the connection while Lifeline was sending.`,
  EADDRNOTAVAIL: (where) => `Lifeline cannot open a connection to ${where} (address not available).`,
};

const TLS_WORDS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: "its certificate is self-signed and not pinned",
  SELF_SIGNED_CERT_IN_CHAIN: "its certificate chains to a self-signed CA that this server does not trust",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "its certificate is signed by a CA that this server does not trust",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "its certificate is signed by a CA that this server does not trust",
  UNABLE_TO_GET_ISSUER_CERT: "its certificate is signed by a CA that this server does not trust",
  CERT_HAS_EXPIRED: "its certificate has expired",
  CERT_NOT_YET_VALID: "its certificate is not valid yet (check both clocks)",
  ERR_TLS_CERT_ALTNAME_INVALID: "its certificate does not name the address Lifeline uses",
  ERR_SSL_WRONG_VERSION_NUMBER: "it does not speak TLS on this port (is it the right port?)",
  EPROTO: "the TLS handshake failed",
};

/** Whether a TLS failure is about trusting the certificate (so pinning it would help). */
export function isUntrustedCertificateCode(code: string): boolean {
  return (
    code === "DEPTH_ZERO_SELF_SIGNED_CERT" ||
    code === "SELF_SIGNED_CERT_IN_CHAIN" ||
    code.startsWith("UNABLE_TO_") ||
    code === "ERR_TLS_CERT_ALTNAME_INVALID" ||
    code === "CERT_HAS_EXPIRED" ||
    code === "CERT_NOT_YET_VALID"
  );
}

/**
 * Maps whatever node:https threw to a ZvmError in words; a ZvmError passes
 * through unchanged. `where` names the ZVM (host:port) in the sentence.
 */
export function toZvmError(error: unknown, where = "the ZVM"): ZvmError {
  if (error instanceof ZvmError) return error;
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === "string") {
    const words = NETWORK_WORDS[code];
    if (words) return new ZvmError("network", words(where), { cause: error });
    if (isTlsCode(code)) return new ZvmError("tls", tlsMessage(code, where), { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/socket hang up/i.test(message)) {
    return new ZvmError("network", `${where} closed the connection before answering.`, { cause: error });
  }
  // The code stays on the cause (logs, captures); the operator reads words only.
  return new ZvmError("network", `the connection to ${where} failed before the ZVM answered: check the address, routing and firewalls.`, {
    cause: error,
  });
}

export function tlsMessage(code: string, where: string, fingerprint?: string): string {
  const what = TLS_WORDS[code] ?? "the TLS handshake failed (check that the address is the ZVM's HTTPS port)";
  if (!isUntrustedCertificateCode(code)) return `TLS with ${where}: ${what}.`;
  const pin = fingerprint ? `: fingerprint ${fingerprint}` : "";
  return `${where} is not trusted: ${what}${pin}. Pin its fingerprint, or turn on trust on first use.`;
}

function isTlsCode(code: string): boolean {
  return (
    code.startsWith("ERR_SSL_") ||
    code.startsWith("ERR_TLS_") ||
    code === "EPROTO" ||
    code.includes("CERT") ||
    code.includes("SELF_SIGNED") ||
    code.startsWith("UNABLE_TO_")
  );
}

const NETWORK_PROBLEMS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "DNS name not found",
  EAI_AGAIN: "DNS did not answer",
  EAI_FAIL: "DNS failed",
  EHOSTUNREACH: "no route to the host",
  ENETUNREACH: "network unreachable",
  ENETDOWN: "Lifeline's network is down",
  EHOSTDOWN: "host down",
  ETIMEDOUT: "connection timed out",
  ECONNRESET: "connection reset",
  ECONNABORTED: "connection aborted",
  EPIPE: "connection closed while sending",
  EADDRNOTAVAIL: "address not available",
};

const TLS_PROBLEMS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: "certificate is self-signed and not pinned",
  SELF_SIGNED_CERT_IN_CHAIN: "certificate chains to an untrusted self-signed CA",
  CERT_HAS_EXPIRED: "certificate has expired",
  CERT_NOT_YET_VALID: "certificate is not valid yet",
  ERR_TLS_CERT_ALTNAME_INVALID: "certificate does not name the address",
  ERR_SSL_WRONG_VERSION_NUMBER: "no TLS on this port",
};

const REASON_PROBLEMS: Record<ZvmErrorReason, string> = {
  timeout: "no answer in time",
  auth: "credentials rejected",
  forbidden: "the account may not read the API",
  "not-found": "no Zerto API at this address",
  tls: "TLS handshake failed",
  "tls-changed": "certificate changed since it was pinned",
  network: "connection failed",
  http: "unexpected HTTP answer",
  "bad-response": "unreadable answer",
};

/**
 * What went wrong in a few words, for "never reached: …" and short lists; the
 * message itself keeps the whole sentence with the fix. Never an error code.
 */
export function problemOf(error: ZvmError): string {
  if (error.problem) return error.problem;
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  if (typeof code === "string") {
    if (error.reason === "network" && NETWORK_PROBLEMS[code]) return NETWORK_PROBLEMS[code];
    if (error.reason === "tls") {
      if (TLS_PROBLEMS[code]) return TLS_PROBLEMS[code];
      if (code.startsWith("UNABLE_TO_")) return "certificate signed by an untrusted CA";
    }
  }
  if (error.reason === "http" && error.status === 404) return "no Zerto API at this address (HTTP 404)";
  if (error.reason === "http" && error.status !== undefined) return `the ZVM answered HTTP ${error.status}`;
  return REASON_PROBLEMS[error.reason];
}
