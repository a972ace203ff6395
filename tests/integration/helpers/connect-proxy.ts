import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";

export interface ConnectProxy {
  url: string;
  /** Every CONNECT asked for ("host:port"), in order, refused ones included. */
  seen: string[];
  /** Answer every CONNECT with this status instead of tunnelling (e.g. 403, 407). */
  refuseWith: number | null;
  close(): Promise<void>;
}

/**
 * A real HTTP proxy on loopback that only tunnels (CONNECT), as corporate
 * egress proxies do. It resolves names itself: `hosts` maps names that only the
 * proxy knows (the test's stand-in for outside DNS) to addresses.
 */
export async function startConnectProxy(options: { hosts?: Record<string, string> } = {}): Promise<ConnectProxy> {
  const sockets = new Set<net.Socket>();
  const server = http.createServer((_request, response) => response.writeHead(405, { allow: "CONNECT" }).end());
  const proxy: ConnectProxy = {
    url: "",
    seen: [],
    refuseWith: null,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on("connect", (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const authority = request.url ?? "";
    proxy.seen.push(authority);
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    if (proxy.refuseWith !== null) {
      client.end(`HTTP/1.1 ${proxy.refuseWith} Refused by test proxy\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const at = authority.lastIndexOf(":");
    const host = authority.slice(0, at).replace(/^\[(.*)\]$/, "$1");
    const upstream = net.connect(Number(authority.slice(at + 1)), options.hosts?.[host] ?? host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on("close", () => sockets.delete(upstream));
    upstream.on("error", () => client.end("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n"));
    client.on("error", () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
