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

  constructor(
    reason: ZvmErrorReason,
    message: string,
    options: { status?: number; cause?: unknown; peerFingerprint?: string } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ZvmError";
    this.reason = reason;
    if (options.status !== undefined) this.status = options.status;
    if (options.peerFingerprint !== undefined) this.peerFingerprint = options.peerFingerprint;
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
  const detail = typeof code === "string" ? ` (${code})` : "";
  return new ZvmError("network", `the connection to ${where} failed${detail}.`, { cause: error });
}

export function tlsMessage(code: string, where: string, fingerprint?: string): string {
  const what = TLS_WORDS[code] ?? `the TLS handshake failed (${code})`;
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
