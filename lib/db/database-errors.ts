// What a database error says about the database, read from codes (never from
// message text): the server cannot be reached or is restarting, or a value held
// text PostgreSQL cannot store. Errors arrive from pg itself (Node socket codes,
// SQLSTATE), from Prisma's driver adapter (cause.kind) and from Prisma (P-codes).

export type DatabaseFault = "unreachable" | "bad-text";

const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** Prisma: server unreachable, timed out, closed the connection; no connection free in the pool. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);

const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);

/** SQLSTATE: the server is shutting down or starting up, or has no connection to spare. */
function sqlStateFault(code: string): DatabaseFault | null {
  if (code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03" || code === "53300") return "unreachable";
  // invalid byte sequence (a NUL), character not representable in the database encoding
  if (code === "22021" || code === "22P05") return "bad-text";
  return null;
}

type Fields = { code?: unknown; kind?: unknown; severity?: unknown; cause?: unknown; meta?: unknown };

function faultOf(error: unknown, depth: number): DatabaseFault | null {
  if (typeof error !== "object" || error === null || depth > 4) return null;
  const { code, kind, severity, cause, meta } = error as Fields;
  if (typeof code === "string") {
    if (SOCKET_CODES.has(code) || PRISMA_CODES.has(code)) return "unreachable";
    // pg's DatabaseError and the adapter's "postgres" cause both carry a severity beside the SQLSTATE.
    if ((typeof severity === "string" || kind === "postgres") && /^[0-9A-Z]{5}$/.test(code)) {
      const fault = sqlStateFault(code);
      if (fault) return fault;
    }
  }
  if (typeof kind === "string" && ADAPTER_KINDS.has(kind)) return "unreachable";
  const adapterError = (meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError;
  return faultOf(adapterError, depth + 1) ?? faultOf(cause, depth + 1);
}

/** The fault a database error shows, or null when its codes say nothing about one. */
export function databaseFaultOf(error: unknown): DatabaseFault | null {
  return faultOf(error, 0);
}
