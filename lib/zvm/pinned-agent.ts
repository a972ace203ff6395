import https from "node:https";
import type { Duplex } from "node:stream";
import tls from "node:tls";
import { ZvmError } from "./errors";
import { normaliseFingerprint } from "./fingerprint";
import { durationWords } from "./duration-words";

// ZVMs ship self-signed certificates. Rather than turn TLS checks off for the
// process, each appliance's pool swaps the chain check for its pinned leaf
// fingerprint, checked on secureConnect while the socket is still corked.

export type TlsTrust = { kind: "pin"; fingerprint: string } | { kind: "first-use" } | { kind: "ca" };

/** Read by createConnection; each session passes its own connect limit with the request. */
export const CONNECT_TIMEOUT_OPTION = "zvmConnectTimeoutMs";

// A handshake costs the client as much CPU as a poll's reads (2.3 ms per poll on
// one socket, 4.3 ms on three), so an appliance's reads queue on one keep-alive
// connection. Idle sockets close at 4 s, before servers' keep-alive limits (5 s+).
const MAX_SOCKETS_PER_APPLIANCE = 1;
const IDLE_SOCKET_TIMEOUT_MS = 4_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

// Building a TLS context per connection costs more than the handshake; no
// client certificates are used, so one context serves every appliance.
let secureContext: tls.SecureContext | null = null;
function sharedSecureContext(): tls.SecureContext {
  secureContext ??= tls.createSecureContext();
  return secureContext;
}

class ApplianceAgent extends https.Agent {
  readonly #trust: TlsTrust;

  constructor(trust: TlsTrust) {
    super({
      keepAlive: true,
      maxSockets: MAX_SOCKETS_PER_APPLIANCE,
      maxFreeSockets: MAX_SOCKETS_PER_APPLIANCE,
      timeout: IDLE_SOCKET_TIMEOUT_MS,
      scheduling: "lifo",
      // A pinned or first-use connection must show its certificate: no resumption.
      maxCachedSessions: trust.kind === "ca" ? 16 : 0,
      rejectUnauthorized: trust.kind === "ca",
    });
    this.#trust = trust;
  }

  override createConnection(options: https.RequestOptions): Duplex {
    const connectTimeoutMs =
      Number((options as Record<string, unknown>)[CONNECT_TIMEOUT_OPTION]) || DEFAULT_CONNECT_TIMEOUT_MS;
    const socket = tls.connect({ ...(options as tls.ConnectionOptions), secureContext: sharedSecureContext() });
    // Held until the certificate is accepted: no request byte reaches the TLS layer before.
    socket.cork();
    const timer = setTimeout(() => {
      const where = `${String(options.hostname ?? options.host)}:${String(options.port)}`;
      socket.destroy(
        new ZvmError("timeout", `${where} did not complete the connection within ${durationWords(connectTimeoutMs)}: a firewall may drop the traffic.`),
      );
    }, connectTimeoutMs);
    socket.once("close", () => clearTimeout(timer));
    socket.once("secureConnect", () => {
      clearTimeout(timer);
      const trust = this.#trust;
      if (trust.kind === "pin" && socket.getPeerX509Certificate()?.fingerprint256 !== trust.fingerprint) {
        const presented = normaliseFingerprint(socket.getPeerX509Certificate()?.fingerprint256 ?? "") ?? undefined;
        socket.destroy(
          new ZvmError(
            "tls-changed",
            "the ZVM presented a different certificate than the pinned one; polls stop until an admin re-trusts it.",
            presented === undefined ? {} : { peerFingerprint: presented },
          ),
        );
        return;
      }
      socket.uncork();
    });
    return socket;
  }
}

interface Pool {
  agent: ApplianceAgent;
  users: number;
}

const pools = new Map<string, Pool>();

export interface AgentLease {
  readonly agent: https.Agent;
  release(): void;
}

/**
 * A keep-alive pool for one appliance (its base URL, path prefix included) and
 * one trust setting, shared by every session that asks for the same pair, so a
 * connection verified for one pin is never handed to another.
 */
export function leaseApplianceAgent(applianceUrl: string, trust: TlsTrust): AgentLease {
  const key = `${applianceUrl} ${trust.kind === "pin" ? `pin:${trust.fingerprint}` : trust.kind}`;
  let pool = pools.get(key);
  if (pool === undefined) {
    pool = { agent: new ApplianceAgent(trust), users: 0 };
    pools.set(key, pool);
  }
  pool.users += 1;
  const leased = pool;
  let released = false;
  return {
    agent: leased.agent,
    release() {
      if (released) return;
      released = true;
      leased.users -= 1;
      if (leased.users === 0 && pools.get(key) === leased) {
        pools.delete(key);
        leased.agent.destroy();
      }
    },
  };
}
