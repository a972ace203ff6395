import type { Logger } from "pino";
import type { AlertPatternState } from "./alert-pattern-state";
import type { CollectorStats } from "./collector-stats";
import { heartbeatAnswerSchema } from "./lifeline-answer";
import type { LifelineAnswer } from "./lifeline-client";
import type { Outbox, OutboxBatch } from "./outbox";

export interface SettlementParts {
  outbox: Outbox;
  stats: CollectorStats;
  log: Logger;
  patterns: AlertPatternState;
  takeCommands: (commands: unknown[] | undefined) => void;
}

/** What to do with a batch after Lifeline's answer: done (dropped from the queue) or retry later. */
export async function settleBatch(batch: OutboxBatch, answer: LifelineAnswer, { outbox, stats, log, patterns, takeCommands }: SettlementParts): Promise<"done" | "retry"> {
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
  const parsed = heartbeatAnswerSchema.safeParse(answer.body);
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
