import fs from "node:fs/promises";
import path from "node:path";
import type { Logger } from "pino";
import { z } from "zod";
import { compileAlertPatterns, DEFAULT_ALERT_PATTERNS, type AlertPatterns, type CompiledAlertPatterns } from "@/lib/billing";
import type { HeartbeatInput } from "@/lib/heartbeats/heartbeat-schema";
import { createZvmSession, isZvmError, type ZvmSession } from "@/lib/zvm";
import type { CollectorConfig, ZvmConfig } from "./collector-config";
import { heartbeatFromSnapshot } from "./heartbeat-from-snapshot";
import { LifelineClient, type LifelineAnswer } from "./lifeline-client";
import { Outbox, type OutboxBatch, type ResultBody } from "./outbox";
import { probeEndpoints, type ProbeResult } from "./probe-endpoint";


/** A ZVM's words as Lifeline stores them: no control characters or lone surrogates (Lifeline refuses NUL), at most 500 characters. */
function storableDetail(text: string): string {
  return text
    .slice(0, 500)
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, " ")
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

export interface CollectorStats {
  /** Heartbeats read from ZVMs and queued. */
  produced: number;
  accepted: number;
  duplicates: number;
  /** Refused by Lifeline (bad or outside the token's scope) and dropped. */
  refused: number;
  /** Dropped because the on-disk queue was full. */
  dropped: number;
  readFailures: number;
  commandsRun: number;
  resultsDelivered: number;
  queued: { heartbeats: number; results: number };
  lastReachability: "reachable" | "unreachable" | null;
  /** Why, per endpoint, as of the last probe. */
  lastProbeResults: ProbeResult[];
}

export interface Collector {
  /** Reads every ZVM once (and probes the billing endpoints when due) and queues the heartbeats. */
  runRound(): Promise<void>;
  /** Resolves once the queue is empty and no command is running. */
  whenIdle(): Promise<void>;
  stats(): CollectorStats;
  stop(): Promise<void>;
}

export interface CollectorOptions {
  config: CollectorConfig;
  log: Logger;
  /** false: no timer; rounds run only through runRound() (tests). */
  schedule?: boolean;
  backoff?: { initialMs: number; maxMs: number };
}

const commandSchema = z.object({
  type: z.literal("test-transmission"),
  id: z.uuid(),
  applianceId: z.uuid(),
});

const answerSchema = z.object({
  accepted: z.number().optional(),
  duplicates: z.number().optional(),
  rejected: z.array(z.object({ index: z.number(), error: z.string() }).loose()).optional(),
  commands: z.array(z.unknown()).optional(),
  alertPatterns: z
    .object({
      version: z.string().max(100),
      patterns: z.object({
        billingHelpIdentifiers: z.array(z.string()),
        billingDescriptionPatterns: z.array(z.string()),
        disconnectionHelpIdentifiers: z.array(z.string()),
        disconnectionDescriptionPatterns: z.array(z.string()),
      }),
    })
    .optional(),
});

const PATTERNS_FILE = "alert-patterns.json";
const SEEN_COMMANDS = 1_000;

export async function startCollector(options: CollectorOptions): Promise<Collector> {
  const { config, log } = options;
  const backoff = options.backoff ?? { initialMs: 1_000, maxMs: 60_000 };
  const stats: CollectorStats = {
    produced: 0,
    accepted: 0,
    duplicates: 0,
    refused: 0,
    dropped: 0,
    readFailures: 0,
    commandsRun: 0,
    resultsDelivered: 0,
    queued: { heartbeats: 0, results: 0 },
    lastReachability: null,
    lastProbeResults: [],
  };
  const outbox = await Outbox.open(config.queue.directory, {
    maxHeartbeats: config.queue.maxHeartbeats,
    onDrop: (count) => {
      stats.dropped += count;
      log.warn({ dropped: count }, "heartbeat queue full: dropped the oldest heartbeats");
    },
  });
  const client = new LifelineClient(config.lifeline.url, config.lifeline.token);
  const patterns = await loadPatterns(config, log);
  const sessions = new Map<string, ZvmSession>(
    config.zvms.map((zvm) => [
      zvm.applianceId,
      createZvmSession(
        {
          url: zvm.url,
          username: zvm.username,
          password: zvm.password,
          authScheme: zvm.authScheme,
          tlsFingerprintSha256: zvm.tlsFingerprintSha256,
          trustOnFirstUse: false,
        },
        { connectTimeoutMs: 5_000, requestTimeoutMs: config.zvmTimeoutSeconds * 1000 },
      ),
    ]),
  );
  const zvmsById = new Map(config.zvms.map((zvm) => [zvm.applianceId, zvm]));
  /** Each ZVM's site identifier as last read, for a reading whose local site could not be read. */
  const siteIdentifiers = new Map<string, string>();

  let stopped = false;
  let wake: (() => void) | null = null;
  const wakeSender = () => wake?.();
  const running = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>) => {
    running.add(work);
    void work.finally(() => running.delete(work)).catch(() => undefined);
    return work;
  };
  const idleWaiters: (() => void)[] = [];
  let interruptBackoff: (() => void) | null = null;
  const seenCommands: string[] = [];
  let lastProbeAt = Number.NEGATIVE_INFINITY;

  async function readZvm(zvm: ZvmConfig, reachability?: "reachable" | "unreachable"): Promise<HeartbeatInput | null> {
    try {
      const snapshot = await sessions.get(zvm.applianceId)!.readSnapshot(AbortSignal.timeout(config.zvmTimeoutSeconds * 1000));
      const siteIdentifier = snapshot.localSite?.siteIdentifier ?? siteIdentifiers.get(zvm.applianceId) ?? null;
      if (siteIdentifier !== null) siteIdentifiers.set(zvm.applianceId, siteIdentifier);
      return heartbeatFromSnapshot(zvm.applianceId, snapshot, patterns.compiled, new Date(), reachability, siteIdentifier);
    } catch (error) {
      stats.readFailures += 1;
      // No heartbeat: Lifeline shows the appliance stale, as for a polled one that cannot be read.
      log.warn({ zvm: zvm.name, err: isZvmError(error) ? error.message : String(error) }, "could not read ZVM");
      return null;
    }
  }

  async function queueHeartbeats(heartbeats: (HeartbeatInput | null)[]): Promise<void> {
    const found = heartbeats.filter((heartbeat): heartbeat is HeartbeatInput => heartbeat !== null);
    if (found.length === 0) return;
    await outbox.addHeartbeats(found);
    stats.produced += found.length;
    wakeSender();
  }

  async function probeIfDue(): Promise<"reachable" | "unreachable" | undefined> {
    const probe = config.billingProbe;
    if (!probe || Date.now() - lastProbeAt < probe.intervalSeconds * 1000) return undefined;
    lastProbeAt = Date.now();
    const { reachability, results } = await probeEndpoints(probe.endpoints, {
      proxy: probe.proxy,
      timeoutMs: probe.timeoutSeconds * 1000,
      trustedCas: probe.trustedCas,
    });
    stats.lastReachability = reachability;
    stats.lastProbeResults = results;
    log[reachability === "reachable" ? "info" : "warn"]({ results }, `new billing endpoint ${reachability}`);
    return reachability;
  }

  async function runRound(): Promise<void> {
    const reachability = await probeIfDue();
    const queue = [...config.zvms];
    const heartbeats: (HeartbeatInput | null)[] = [];
    const lane = async () => {
      for (let zvm = queue.shift(); zvm && !stopped; zvm = queue.shift()) heartbeats.push(await readZvm(zvm, reachability));
    };
    await Promise.all(Array.from({ length: Math.min(config.concurrency, config.zvms.length) }, lane));
    await queueHeartbeats(heartbeats);
  }

  async function runCommand(id: string, applianceId: string): Promise<void> {
    stats.commandsRun += 1;
    const zvm = zvmsById.get(applianceId.toLowerCase());
    let body: ResultBody;
    if (!zvm) {
      body = { result: "error", detail: "this collector does not watch that appliance", at: new Date().toISOString() };
    } else {
      try {
        const outcome = await sessions.get(zvm.applianceId)!.sendUsage(AbortSignal.timeout(config.zvmTimeoutSeconds * 2000));
        body = { result: outcome.result, detail: storableDetail(outcome.detail), at: new Date().toISOString() };
      } catch (error) {
        // Could not reach or sign in to the ZVM: that says nothing about billing.
        const reason = isZvmError(error) && (error.reason === "forbidden" || error.reason === "not-found") ? error.reason : undefined;
        body = {
          result: "error",
          detail: storableDetail(isZvmError(error) ? error.message : "the test could not be run"),
          at: new Date().toISOString(),
          ...(reason ? { reason } : {}),
        };
      }
    }
    log.info({ testTransmission: id, zvm: zvm?.name, result: body.result }, "test transmission run");
    await outbox.addResult(id, body);
    wakeSender();
    // A fresh reading shows what the test changed (the alert clears on success).
    if (zvm) await queueHeartbeats([await readZvm(zvm)]);
  }

  function takeCommands(commands: unknown[] | undefined): void {
    for (const raw of commands ?? []) {
      const parsed = commandSchema.safeParse(raw);
      if (!parsed.success || seenCommands.includes(parsed.data.id)) continue;
      seenCommands.push(parsed.data.id);
      if (seenCommands.length > SEEN_COMMANDS) seenCommands.shift();
      track(runCommand(parsed.data.id, parsed.data.applianceId)).catch((error: unknown) => log.error({ err: error }, "command failed"));
    }
  }

  /** What to do with a batch after Lifeline's answer: done (dropped from the queue) or retry later. */
  async function settle(batch: OutboxBatch, answer: LifelineAnswer): Promise<"done" | "retry"> {
    if (answer.status === 401 || answer.status === 429 || answer.status >= 500) {
      if (answer.status === 401) log.error("Lifeline refused the collector token; check lifeline.token");
      return "retry";
    }
    if (batch.kind === "result") {
      if (answer.status === 200) stats.resultsDelivered += 1;
      else log.warn({ testTransmission: batch.id, status: answer.status, answer: answer.body }, "Lifeline did not take the test result");
      await outbox.remove(batch.files);
      return "done";
    }
    const parsed = answerSchema.safeParse(answer.body);
    const body = parsed.success ? parsed.data : {};
    const rejected = body.rejected ?? [];
    if (answer.status === 403 && rejected.length > 0) {
      const refused = new Set(rejected.map((item) => item.index));
      stats.refused += refused.size;
      log.error({ rejected: rejected.slice(0, 10) }, "Lifeline refused heartbeats outside this token's scope; dropping them");
      await outbox.replace(batch.files, batch.heartbeats.filter((_, index) => !refused.has(index)));
      return "done";
    }
    if (answer.status === 403) {
      log.error({ answer: answer.body }, "Lifeline refused the heartbeats (is the token a collector token?)");
      return "retry";
    }
    if (rejected.length > 0) {
      stats.refused += rejected.length;
      log.warn({ rejected: rejected.slice(0, 10), count: rejected.length }, "Lifeline refused some heartbeats");
    } else if (answer.status !== 200) {
      stats.refused += batch.heartbeats.length;
      log.error({ status: answer.status, answer: answer.body }, "Lifeline refused a heartbeat batch; dropping it");
    }
    stats.accepted += body.accepted ?? 0;
    stats.duplicates += body.duplicates ?? 0;
    await outbox.remove(batch.files);
    if (body.alertPatterns) await patterns.adopt(body.alertPatterns.version, body.alertPatterns.patterns);
    takeCommands(body.commands);
    return "done";
  }

  async function sendLoop(): Promise<void> {
    let delay = backoff.initialMs;
    while (!stopped) {
      const batch = await outbox.peek();
      stats.queued = outbox.size;
      if (!batch) {
        if (running.size === 0) idleWaiters.splice(0).forEach((resolve) => resolve());
        await new Promise<void>((resolve) => {
          wake = resolve;
          // Commands finishing can leave the queue empty with no one to wake us.
          setTimeout(resolve, 1_000).unref();
        });
        wake = null;
        continue;
      }
      let outcome: "done" | "retry";
      let retryAfterMs: number | null = null;
      try {
        const answer =
          batch.kind === "heartbeats"
            ? await client.postHeartbeats(batch.heartbeats, patterns.header())
            : await client.postResult(batch.id, batch.body);
        retryAfterMs = answer.retryAfterSeconds === null ? null : answer.retryAfterSeconds * 1000;
        outcome = await settle(batch, answer);
      } catch (error) {
        log.warn({ err: (error as Error).message, queued: outbox.size }, "Lifeline unreachable; will retry");
        outcome = "retry";
      }
      if (outcome === "done") {
        delay = backoff.initialMs;
        continue;
      }
      const wait = Math.min(backoff.maxMs, retryAfterMs ?? delay) * (0.8 + Math.random() * 0.4);
      delay = Math.min(backoff.maxMs, delay * 2);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        interruptBackoff = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      interruptBackoff = null;
    }
  }

  await patterns.fetchIfNeeded(client);
  const sender = sendLoop();
  let roundTimer: NodeJS.Timeout | null = null;
  let round: Promise<void> | null = null;
  const scheduleRound = (delayMs: number) => {
    if (stopped || options.schedule === false) return;
    roundTimer = setTimeout(() => {
      const started = Date.now();
      round = runRound()
        .catch((error: unknown) => log.error({ err: error }, "round failed"))
        .finally(() => {
          round = null;
          scheduleRound(Math.max(0, config.intervalSeconds * 1000 - (Date.now() - started)));
        });
    }, delayMs);
  };
  scheduleRound(0);
  log.info({ zvms: config.zvms.length, lifeline: config.lifeline.url, queued: outbox.size }, "collector started");

  return {
    runRound,
    whenIdle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        wakeSender();
      }),
    stats: () => ({ ...stats, queued: outbox.size }),
    async stop() {
      if (stopped) return;
      stopped = true;
      if (roundTimer) clearTimeout(roundTimer);
      wakeSender();
      interruptBackoff?.();
      await Promise.allSettled([sender, round, ...running]);
      await Promise.allSettled([...sessions.values()].map((session) => session.close()));
      log.info({ queued: outbox.size }, "collector stopped");
    },
  };
}

interface PatternState {
  compiled: CompiledAlertPatterns;
  /** The x-lifeline-alert-patterns header: the version held, "" for none, null when the config overrides. */
  header(): string | null;
  adopt(version: string, patterns: AlertPatterns): Promise<void>;
  /** Asks Lifeline once at start (an empty batch), so the first readings use its patterns. */
  fetchIfNeeded(client: LifelineClient): Promise<void>;
}

/**
 * The config's patterns when it has some; otherwise the ones Lifeline hands out
 * (kept beside the queue for restarts while Lifeline is down), Zerto's defaults
 * until then.
 */
async function loadPatterns(config: CollectorConfig, log: Logger): Promise<PatternState> {
  const file = path.join(config.queue.directory, PATTERNS_FILE);
  let version: string | null = null;
  let compiled = compileAlertPatterns(config.alertPatterns ?? DEFAULT_ALERT_PATTERNS);
  if (!config.alertPatterns) {
    try {
      const stored = JSON.parse(await fs.readFile(file, "utf8")) as { version: string; patterns: AlertPatterns };
      compiled = compileAlertPatterns(stored.patterns);
      version = stored.version;
    } catch {
      // None stored yet, or unreadable: the defaults until Lifeline sends its own.
    }
  }
  const state: PatternState = {
    get compiled() {
      return compiled;
    },
    header: () => (config.alertPatterns ? null : (version ?? "")),
    async adopt(nextVersion, patterns) {
      if (config.alertPatterns || nextVersion === version) return;
      try {
        compiled = compileAlertPatterns(patterns);
      } catch (error) {
        log.error({ err: (error as Error).message }, "Lifeline sent alert patterns that do not compile; keeping the current ones");
        return;
      }
      version = nextVersion;
      await fs.writeFile(file, JSON.stringify({ version, patterns }), { mode: 0o600 });
      log.info({ version }, "using Lifeline's alert patterns");
    },
    async fetchIfNeeded(client) {
      if (config.alertPatterns) return;
      try {
        const answer = await client.postHeartbeats([], version ?? "");
        const parsed = answerSchema.safeParse(answer.body);
        if (answer.status === 200 && parsed.success && parsed.data.alertPatterns) {
          await state.adopt(parsed.data.alertPatterns.version, parsed.data.alertPatterns.patterns);
        } else if (answer.status === 401 || answer.status === 403) {
          log.error({ status: answer.status }, "Lifeline refused the collector token; check lifeline.token");
        }
      } catch (error) {
        log.warn({ err: (error as Error).message }, "Lifeline unreachable at start; using the alert patterns held");
      }
    },
  };
  return state;
}
