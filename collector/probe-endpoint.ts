import net from "node:net";
import tls from "node:tls";

// Can this site reach Zerto's new billing endpoint? The probe takes the path a
// ZVM's usage data takes: straight out on TCP, or through the site's HTTP proxy
// with CONNECT; then a TLS handshake that checks the certificate as the ZVM
// does: a firewall that filters by server name cuts the handshake, and a
// TLS-inspecting one answers with a certificate of its own.

export interface ProbeTarget {
  host: string;
  port: number;
}

export interface ProbeResult {
  endpoint: string;
  reachable: boolean;
  detail: string;
}

export interface ProbeOptions {
  proxy: URL | null;
  timeoutMs: number;
  /** The CAs the endpoint's certificate must chain to (PEM). */
  trustedCas: readonly string[];
}

export async function probeEndpoint(target: ProbeTarget, options: ProbeOptions): Promise<ProbeResult> {
  const endpoint = `${target.host}:${target.port}`;
  const signal = AbortSignal.timeout(options.timeoutMs);
  let socket: net.Socket | null = null;
  try {
    socket = options.proxy ? await tunnel(options.proxy, target, signal) : await connect(target.host, target.port, signal);
    await handshake(socket, target.host, options.trustedCas, signal);
    return { endpoint, reachable: true, detail: options.proxy ? `TLS handshake through ${options.proxy.host}` : "TLS handshake" };
  } catch (error) {
    const reason = signal.aborted ? `no answer within ${options.timeoutMs} ms` : (error as Error).message;
    return { endpoint, reachable: false, detail: reason };
  } finally {
    socket?.destroy();
  }
}

/** reachable only when every endpoint is: the ZVM needs all of them. */
export async function probeEndpoints(
  targets: readonly ProbeTarget[],
  options: ProbeOptions,
): Promise<{ reachability: "reachable" | "unreachable"; results: ProbeResult[] }> {
  const results = await Promise.all(targets.map((target) => probeEndpoint(target, options)));
  return { reachability: results.every((result) => result.reachable) ? "reachable" : "unreachable", results };
}

function connect(host: string, port: number, signal: AbortSignal): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };
    const abort = () => fail(new Error("timeout"));
    signal.addEventListener("abort", abort, { once: true });
    socket.once("error", (error) => {
      signal.removeEventListener("abort", abort);
      fail(new Error(`TCP connection to ${host}:${port} failed: ${(error as NodeJS.ErrnoException).code ?? error.message}`));
    });
    socket.once("connect", () => {
      signal.removeEventListener("abort", abort);
      socket.removeAllListeners("error");
      resolve(socket);
    });
  });
}

async function tunnel(proxy: URL, target: ProbeTarget, signal: AbortSignal): Promise<net.Socket> {
  const port = Number(proxy.port || 80);
  const socket = await connect(proxy.hostname, port, signal).catch((error: Error) => {
    throw new Error(`proxy ${proxy.host}: ${error.message}`);
  });
  const authority = `${target.host}:${target.port}`;
  socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`);
  const head = await readResponseHead(socket, signal).catch((error: Error) => {
    socket.destroy();
    throw error;
  });
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
  if (status !== 200) {
    socket.destroy();
    const why = status === 407 ? " (it wants authentication, which a ZVM cannot give)" : "";
    throw new Error(`proxy ${proxy.host} refused CONNECT ${authority}: ${status ? `HTTP ${status}` : "no HTTP answer"}${why}`);
  }
  return socket;
}

function readResponseHead(socket: net.Socket, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const cleanup = () => {
      socket.off("data", onData);
      socket.off("error", onError);
      socket.off("end", onEnd);
      signal.removeEventListener("abort", onAbort);
    };
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf("\r\n\r\n");
      if (end >= 0) {
        cleanup();
        // Bytes after the head belong to the tunnel: give them back.
        if (end + 4 < buffered.length) socket.unshift(buffered.subarray(end + 4));
        resolve(buffered.subarray(0, end).toString("latin1"));
      } else if (buffered.length > 16 * 1024) {
        cleanup();
        reject(new Error("proxy answer head too long"));
      }
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new Error(`proxy connection failed: ${error.message}`));
    };
    const onEnd = () => {
      cleanup();
      reject(new Error("proxy closed the connection"));
    };
    const onAbort = () => {
      cleanup();
      reject(new Error("timeout"));
    };
    socket.on("data", onData);
    socket.once("error", onError);
    socket.once("end", onEnd);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Handshake errors that mean "a certificate the ZVM would not trust", not "no route". */
const UNTRUSTED_CERTIFICATE = new Set([
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "CERT_UNTRUSTED",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

function handshake(socket: net.Socket, host: string, trustedCas: readonly string[], signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const secure = tls.connect({ socket, servername: net.isIP(host) ? undefined : host, host, ca: [...trustedCas] });
    const onAbort = () => {
      secure.destroy();
      reject(new Error("timeout"));
    };
    signal.addEventListener("abort", onAbort, { once: true });
    secure.once("secureConnect", () => {
      signal.removeEventListener("abort", onAbort);
      secure.destroy();
      resolve();
    });
    secure.once("error", (error: NodeJS.ErrnoException) => {
      signal.removeEventListener("abort", onAbort);
      secure.destroy();
      const code = error.code ?? error.message;
      reject(
        new Error(
          UNTRUSTED_CERTIFICATE.has(code)
            ? `${host} answered with a certificate the ZVM would not trust (${code}): a TLS-inspecting firewall or proxy? ` +
                "If the ZVMs trust its CA, add it to billingProbe.caFile"
            : `TLS handshake with ${host} failed: ${code}`,
        ),
      );
    });
  });
}
