import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "@/lib/db";
import { serveCollectorRequest } from "@/lib/collector-transport/collector-listener";
import { createTestDb, testDbKinds, type TestDb } from "../helpers/test-db";
import { reportingTarget } from "./reporting-target";

// The collector listener serves heartbeats beside Next.js on the production
// server's port, so it must behave as an HTTP/1.1 server a collector keeps a
// connection open to: refusals are answered, bodies never bleed into the next
// request, and what is not a collector's POST goes on to Next.js.

interface Reply {
  status: number;
  json: { error?: { code: string; message: string }; accepted?: number };
  reusedSocket: boolean;
}

describe.each(testDbKinds())("the collector listener (%s)", (kind) => {
  let handle: TestDb;
  let server: http.Server;
  let base: string;
  let token: string;
  let applianceId: string;
  const passedOn: string[] = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let serial = 0;

  /** One request on the single kept-alive connection; `body` as a Buffer is streamed chunked (no length). */
  function post(path: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        `${base}${path}`,
        {
          method: "POST",
          agent,
          headers: {
            "content-type": "application/json",
            ...(typeof body === "string" ? { "content-length": String(Buffer.byteLength(body)) } : {}),
            ...headers,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            resolve({ status: response.statusCode ?? 0, json: text ? JSON.parse(text) : {}, reusedSocket: request.reusedSocket });
          });
        },
      );
      request.on("error", reject);
      if (typeof body === "string") request.end(body);
      else {
        for (let at = 0; at < body.length; at += 64 * 1024) request.write(body.subarray(at, at + 64 * 1024));
        request.end();
      }
    });
  }
  const heartbeat = () => {
    serial += 1;
    return JSON.stringify({ applianceId, observedAt: new Date(Date.now() - 60_000 + serial).toISOString(), version: "9.7.10" });
  };
  const withToken = { authorization: "" };

  beforeAll(async () => {
    handle = await createTestDb(kind);
    setDb(handle.db);
    ({ applianceId, token } = await reportingTarget(handle.db, "listener-target"));
    withToken.authorization = `Bearer ${token}`;
    server = http.createServer((req, res) => {
      if (serveCollectorRequest(req, res)) return;
      passedOn.push(`${req.method} ${req.url}`);
      req.resume();
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    agent.destroy();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    setDb(null);
    await handle?.drop();
  });

  it("stores a heartbeat and keeps the connection for the next", async () => {
    const first = await post("/api/v1/heartbeats", heartbeat(), withToken);
    const second = await post("/api/v1/heartbeats", heartbeat(), withToken);
    expect([first.status, first.json.accepted, second.status, second.json.accepted]).toEqual([200, 1, 200, 1]);
    expect(second.reusedSocket).toBe(true);
  });

  it.each([
    { name: "no token", body: () => heartbeat(), headers: {}, status: 401, code: "unauthorized" },
    { name: "a wrong content type", body: () => heartbeat(), headers: { ...withToken, "content-type": "text/plain" }, status: 415, code: "unsupported_media_type" },
    { name: "a declared length over 1 MiB", body: () => `{"x":"${"a".repeat(1_200_000)}"}`, headers: withToken, status: 413, code: "too_large" },
    { name: "a chunked body over 1 MiB", body: () => Buffer.from(`{"x":"${"a".repeat(1_200_000)}"}`), headers: withToken, status: 413, code: "too_large" },
    { name: "bad JSON", body: () => "{ not json", headers: withToken, status: 400, code: "bad_json" },
  ])("answers $name with $status, and the same connection then serves a good heartbeat", async ({ body, headers, status, code }) => {
    const before = await handle.db.prisma.heartbeat.count();
    const refused = await post("/api/v1/heartbeats", body(), headers);
    expect(refused.status).toBe(status);
    expect(refused.json.error?.code).toBe(code);
    const next = await post("/api/v1/heartbeats", heartbeat(), withToken);
    expect([next.status, next.json.accepted, next.reusedSocket]).toEqual([200, 1, true]);
    expect(await handle.db.prisma.heartbeat.count()).toBe(before + 1);
  });

  it("shrugs off a client that goes away mid-body, storing nothing from it", async () => {
    const before = await handle.db.prisma.heartbeat.count();
    const socket = net.connect(Number(new URL(base).port), "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    // The partial body is handed to the network before the client goes away.
    await new Promise((resolve) =>
      socket.write(
        `POST /api/v1/heartbeats HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n` +
          `authorization: ${withToken.authorization}\r\ncontent-length: 1000\r\n\r\n{"applianceId":`,
        resolve,
      ),
    );
    socket.destroy();
    const next = await post("/api/v1/heartbeats", heartbeat(), withToken);
    expect([next.status, next.json.accepted]).toEqual([200, 1]);
    expect(await handle.db.prisma.heartbeat.count()).toBe(before + 1);
  });

  it("leaves every other request to Next.js", async () => {
    passedOn.length = 0;
    const pages = await post("/api/v1/appliances", "{}", withToken);
    const get = await new Promise<number>((resolve, reject) =>
      http.get(`${base}/api/v1/heartbeats`, { agent }, (response) => resolve(response.resume().statusCode ?? 0)).on("error", reject),
    );
    const nearMiss = await post("/api/v1/heartbeats/extra", heartbeat(), withToken);
    expect([pages.status, get, nearMiss.status]).toEqual([404, 404, 404]);
    expect(passedOn).toEqual(["POST /api/v1/appliances", "GET /api/v1/heartbeats", "POST /api/v1/heartbeats/extra"]);
  });
});
