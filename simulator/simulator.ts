import https from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { generateCertificate, type SimCertificate } from "./certificates";
import { SCENARIOS, SEND_USAGE_RESULTS, type ZvmPatch, type ZvmSpec } from "./scenarios";
import {
  SimulatedZvm,
  readBody,
  send,
  type SimulatedZvmInfo,
  type SimulatorSettings,
  type ZvmStats,
} from "./simulated-zvm";
import type { ZvmCapture } from "../lib/zvm/capture";
import { ReplayedZvm } from "./replayed-zvm";
import { serialise } from "./zvm-payloads";

export interface SimulatorOptions {
  zvms: ZvmSpec[];
  /** Captured ZVMs to serve as they answered (ids follow the simulated ones unless given). */
  replays?: { capture: ZvmCapture; id?: string; name?: string }[];
  /** Move the replays' times so they read as if captured now; default true. */
  shiftReplayTimes?: boolean;
  /** Listen address; default 127.0.0.1. */
  host?: string;
  /** Fleet port serving every ZVM without its own port under /zvm/<id>, plus /_control; default 0 (any free port). */
  port?: number;
  /** Seeds the flaky behaviour and the generated site facts. */
  seed?: number;
  /** Linux access-token lifetime; default 300 s (Keycloak's default). */
  tokenTtlSeconds?: number;
  /** Windows session idle expiry; default 1800 s. */
  sessionIdleSeconds?: number;
  /** When set, the control API wants `Authorization: Bearer <controlToken>`. */
  controlToken?: string;
}

export interface Simulator {
  /** https://host:port of the fleet port; the control API is under /_control. */
  readonly url: string;
  readonly port: number;
  /** Fingerprint of the fleet port's certificate, shared by every ZVM on it. */
  readonly fingerprint: string;
  /** The fleet certificate (PEM), for tools that talk to the control API with CA verification. */
  readonly certificatePem: string;
  list(): SimulatedZvmInfo[];
  get(id: string): SimulatedZvmInfo;
  update(id: string, patch: ZvmPatch): SimulatedZvmInfo;
  stats(id: string): ZvmStats;
  resetStats(id: string): void;
  /** Only for ZVMs on a dedicated port: a new certificate, and open connections dropped as on a restart. */
  rotateCertificate(id: string): Promise<string>;
  /** Invalidates every token the ZVM issued, so the next call gets 401. */
  expireTokens(id: string): void;
  close(): Promise<void>;
}

export class UnknownZvmError extends Error {
  constructor(id: string) {
    super(`no simulated ZVM with id ${JSON.stringify(id)}`);
    this.name = "UnknownZvmError";
  }
}

const patchSchema = z
  .object({
    scenario: z.enum(SCENARIOS),
    version: z.string().min(1).max(40),
    licenseType: z.string().min(1).max(40),
    failingDays: z.number().min(0).max(3650).nullable(),
    disconnected: z.boolean(),
    skewSeconds: z.number().min(-1e7).max(1e7),
    flakyRate: z.number().min(0).max(1),
    delayMs: z.number().int().min(0).max(600_000),
    sendUsageResult: z.enum(SEND_USAGE_RESULTS),
    vrasUnavailable: z.boolean(),
    casing: z.enum(["pascal", "camel"]),
    transientEvery: z.number().int().min(0).max(1_000_000),
  })
  .partial()
  .strict();

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const host = options.host ?? "127.0.0.1";
  const urlHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  const settings: SimulatorSettings = {
    tokenTtlMs: (options.tokenTtlSeconds ?? 300) * 1000,
    sessionIdleMs: (options.sessionIdleSeconds ?? 1800) * 1000,
    timers: new Set(),
  };
  const seed = options.seed ?? 1;
  const zvms = new Map<string, SimulatedZvm>();
  options.zvms.forEach((spec, index) => {
    const zvm = new SimulatedZvm(spec, index, seed, settings);
    if (zvms.has(zvm.id)) throw new Error(`duplicate simulated ZVM id ${zvm.id}`);
    zvms.set(zvm.id, zvm);
  });
  const replays = new Map<string, ReplayedZvm>();
  (options.replays ?? []).forEach((replay, index) => {
    const id = replay.id ?? String(options.zvms.length + index + 1);
    if (zvms.has(id) || replays.has(id)) throw new Error(`duplicate simulated ZVM id ${id}`);
    replays.set(id, new ReplayedZvm(replay.capture, id, replay.name ?? `replay-${id}`, { shiftTimes: options.shiftReplayTimes ?? true }));
  });
  const find = (id: string) => {
    const zvm = zvms.get(id);
    if (zvm === undefined) throw replays.has(id) ? new Error(`ZVM ${id} is a replay: it answers as captured and cannot be changed`) : new UnknownZvmError(id);
    return zvm;
  };
  const findAny = (id: string) => {
    const zvm = zvms.get(id) ?? replays.get(id);
    if (zvm === undefined) throw new UnknownZvmError(id);
    return zvm;
  };

  const servers: https.Server[] = [];
  const dedicatedServers = new Map<string, https.Server>();
  const fleetCert = await generateCertificate("zvm-simulator");

  const listen = async (server: https.Server, port: number): Promise<number> => {
    servers.push(server);
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
    return (server.address() as AddressInfo).port;
  };
  const createServer = (cert: SimCertificate, handler: (req: IncomingMessage, res: ServerResponse) => void) =>
    https.createServer({ key: cert.key, cert: cert.cert, keepAliveTimeout: 5_000 }, handler);

  let simulator: Simulator;
  const fleetServer = createServer(fleetCert, (req, res) => {
    const path = pathOf(req);
    if (path.startsWith("/zvm/")) {
      const end = path.indexOf("/", 5);
      const id = decodeURIComponent(end === -1 ? path.slice(5) : path.slice(5, end));
      const zvm = zvms.get(id) ?? replays.get(id);
      if (zvm !== undefined && !zvm.dedicated) return zvm.handle(req, res, end === -1 ? "/" : path.slice(end));
    } else if (path === "/_control" || path.startsWith("/_control/")) {
      return handleControl(simulator, options.controlToken, req, res, path);
    }
    req.resume();
    send(res, { status: 404, body: serialise({ error: "Not Found" }) });
  });
  const port = await listen(fleetServer, options.port ?? 0);

  for (const zvm of zvms.values()) {
    if (zvm.dedicated) {
      const cert = await generateCertificate(zvm.name);
      const server = createServer(cert, (req, res) => {
        const path = pathOf(req);
        const prefix = `/zvm/${zvm.id}`;
        const apiPath = path === prefix || path.startsWith(`${prefix}/`) ? path.slice(prefix.length) || "/" : path;
        zvm.handle(req, res, apiPath);
      });
      server.on("connection", () => {
        if (zvm.stats.connections !== null) zvm.stats.connections += 1;
      });
      const zvmPort = await listen(server, zvm.requestedPort);
      dedicatedServers.set(zvm.id, server);
      zvm.url = `https://${urlHost}:${zvmPort}`;
      zvm.fingerprint = cert.fingerprint;
    } else {
      zvm.url = `https://${urlHost}:${port}/zvm/${encodeURIComponent(zvm.id)}`;
      zvm.fingerprint = fleetCert.fingerprint;
    }
  }

  for (const replay of replays.values()) {
    replay.url = `https://${urlHost}:${port}/zvm/${encodeURIComponent(replay.id)}`;
    replay.fingerprint = fleetCert.fingerprint;
  }

  let closed = false;
  simulator = {
    url: `https://${urlHost}:${port}`,
    port,
    fingerprint: fleetCert.fingerprint,
    certificatePem: fleetCert.cert,
    list: () => [...zvms.values(), ...replays.values()].map((zvm) => zvm.info()),
    get: (id) => findAny(id).info(),
    update(id, patch) {
      const zvm = find(id);
      zvm.update(patchSchema.parse(patch));
      return zvm.info();
    },
    stats: (id) => structuredClone(findAny(id).stats),
    resetStats: (id) => find(id).resetStats(),
    async rotateCertificate(id) {
      const zvm = find(id);
      const server = dedicatedServers.get(id);
      if (server === undefined) {
        throw new Error(`ZVM ${id} shares the fleet certificate; give it dedicatedPort to change its certificate`);
      }
      const cert = await generateCertificate(zvm.name);
      server.setSecureContext({ key: cert.key, cert: cert.cert });
      server.closeAllConnections();
      zvm.fingerprint = cert.fingerprint;
      return cert.fingerprint;
    },
    expireTokens: (id) => find(id).expireTokens(),
    async close() {
      if (closed) return;
      closed = true;
      for (const timer of settings.timers) clearTimeout(timer);
      settings.timers.clear();
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
  return simulator;
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? "/";
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}

/**
 * GET /_control/zvms · GET|POST /_control/zvms/<id> (POST: JSON patch) ·
 * GET|DELETE /_control/zvms/<id>/stats · POST /_control/zvms/<id>/rotate-certificate ·
 * POST /_control/zvms/<id>/expire-tokens
 */
function handleControl(
  sim: Simulator,
  controlToken: string | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): void {
  const json = (status: number, value: unknown) => send(res, { status, body: status === 204 ? null : serialise(value) });
  if (controlToken !== undefined && req.headers.authorization !== `Bearer ${controlToken}`) {
    req.resume();
    return json(401, { error: "control token required" });
  }
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent); // ["_control", "zvms", id?, action?]
  const method = req.method ?? "GET";
  const [, collection, id, action] = parts;
  const run = (work: () => unknown | Promise<unknown>, status = 200) => {
    Promise.resolve()
      .then(work)
      .then(
        (value) => json(status, value),
        (error: unknown) => {
          if (error instanceof UnknownZvmError) return json(404, { error: error.message });
          if (error instanceof z.ZodError) {
            const issue = error.issues[0];
            return json(400, { error: `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}` });
          }
          json(409, { error: error instanceof Error ? error.message : "failed" });
        },
      );
  };
  if (collection !== "zvms" || parts.length > 4) {
    req.resume();
    return json(404, { error: "Not Found" });
  }
  if (id === undefined && method === "GET") return run(() => sim.list());
  if (id !== undefined && action === undefined && method === "GET") return run(() => sim.get(id));
  if (id !== undefined && action === undefined && (method === "POST" || method === "PATCH")) {
    return readBody(req, 64 * 1024, (body) => {
      run(() => {
        if (body === null) throw new Error("body too large");
        let patch: unknown;
        try {
          patch = body.trim() === "" ? {} : JSON.parse(body);
        } catch {
          throw new z.ZodError([{ code: "custom", path: [], message: "body is not JSON", input: body }]);
        }
        return sim.update(id, patch as ZvmPatch);
      });
    });
  }
  req.resume();
  if (id !== undefined && action === "stats" && method === "GET") return run(() => sim.stats(id));
  if (id !== undefined && action === "stats" && method === "DELETE") return run(() => sim.resetStats(id), 204);
  if (id !== undefined && action === "rotate-certificate" && method === "POST") {
    return run(async () => ({ fingerprint: await sim.rotateCertificate(id) }));
  }
  if (id !== undefined && action === "expire-tokens" && method === "POST") return run(() => sim.expireTokens(id), 204);
  json(405, { error: "Method Not Allowed" });
}
