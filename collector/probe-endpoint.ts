import net from "node:net";
import tls from "node:tls";

// Can this site reach Zerto's new billing endpoint? The probe takes the path a
// ZVM's usage data takes: straight out on TCP, or through the site's HTTP proxy
// with CONNECT; then a TLS handshake, since a firewall that filters by server
// name lets the TCP connection through and cuts the handshake.

export interface ProbeTarget {
  host: string;
  port: number;
}

export interface ProbeResult {
  endpoint: string;
  reachable: boolean;
  detail: string;
}

export async function probeEndpoint(target: ProbeTarget, options: { proxy: URL | null; timeoutMs: number }): Promise<ProbeResult> {
  const endpoint = `${target.host}:${target.port}`;
  const signal = AbortSignal.timeout(options.timeoutMs);
  let socket: net.Socket | null = null;
  try {
    socket = options.proxy ? await tunnel(options.proxy, target, signal) : await connect(target.host, target.port, signal);
    await handshake(socket, target.host, signal);
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
  options: { proxy: URL | null; timeoutMs: number },
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

function handshake(socket: net.Socket, host: string, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    // Reachability, not trust: the ZVM checks the certificate itself when it sends.
    const secure = tls.connect({ socket, servername: net.isIP(host) ? undefined : host, rejectUnauthorized: false });
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
    secure.once("error", (error) => {
      signal.removeEventListener("abort", onAbort);
      secure.destroy();
      reject(new Error(`TLS handshake with ${host} failed: ${(error as NodeJS.ErrnoException).code ?? error.message}`));
    });
  });
}
