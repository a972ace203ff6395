export type ZvmErrorReason =
  | "timeout"
  | "auth"
  | "tls"
  | "tls-changed"
  | "network"
  | "http"
  | "bad-response";

/** Every failure of a ZVM call, with a short message safe to show and store. */
export class ZvmError extends Error {
  readonly reason: ZvmErrorReason;
  readonly status?: number;

  constructor(reason: ZvmErrorReason, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ZvmError";
    this.reason = reason;
    if (options.status !== undefined) this.status = options.status;
  }
}

export function isZvmError(error: unknown): error is ZvmError {
  return error instanceof ZvmError;
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "EHOSTDOWN",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_FAIL",
  "EPIPE",
  "ETIMEDOUT",
  "EADDRNOTAVAIL",
  "ERR_SOCKET_CLOSED",
  "UND_ERR_SOCKET",
]);

/** Maps whatever node:https threw to a ZvmError; a ZvmError passes through unchanged. */
export function toZvmError(error: unknown): ZvmError {
  if (error instanceof ZvmError) return error;
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === "string") {
    if (NETWORK_CODES.has(code)) return new ZvmError("network", `network: ${code}`, { cause: error });
    if (isTlsCode(code)) return new ZvmError("tls", `tls: ${code}`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/socket hang up/i.test(message)) return new ZvmError("network", "network: connection closed", { cause: error });
  return new ZvmError("network", `network: ${typeof code === "string" ? code : "error"}`, { cause: error });
}

function isTlsCode(code: string): boolean {
  return (
    code.startsWith("ERR_SSL_") ||
    code.startsWith("ERR_TLS_") ||
    code === "EPROTO" ||
    code.includes("CERT") ||
    code.includes("SELF_SIGNED") ||
    code === "UNABLE_TO_VERIFY_LEAF_SIGNATURE" ||
    code === "UNABLE_TO_GET_ISSUER_CERT_LOCALLY"
  );
}
