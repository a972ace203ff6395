import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";

/** An HTTP proxy that tunnels CONNECT to the authorities it allows and answers 403 to the rest. */
export async function startConnectProxy(allow: (authority: string) => boolean) {
  const seen: string[] = [];
  const server = http.createServer((_req, res) => res.writeHead(405).end());
  server.on("connect", (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const authority = req.url ?? "";
    seen.push(authority);
    if (!allow(authority)) {
      client.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    const at = authority.lastIndexOf(":");
    const upstream = net.connect(Number(authority.slice(at + 1)), authority.slice(0, at), () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** The CONNECT targets asked for, in order. */
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
