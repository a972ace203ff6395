import type { Logger } from "pino";
import type { CollectorStats } from "./collector-stats";
import { collectorCommandSchema } from "./lifeline-answer";
import type { Outbox } from "./outbox";
import type { ReadRound } from "./read-round";
import type { WorkTracker } from "./work-tracker";
import type { ZvmReader } from "./zvm-reader";

const SEEN_COMMANDS = 1_000;

interface CommandRunnerParts {
  reader: ZvmReader;
  round: ReadRound;
  outbox: Outbox;
  stats: CollectorStats;
  log: Logger;
  tracker: WorkTracker;
  wakeSender: () => void;
}

/**
 * Runs the test transmissions Lifeline hands out with its answers, each once
 * (the last thousand ids are remembered), and queues the result and a fresh reading.
 */
export function createCommandRunner({ reader, round, outbox, stats, log, tracker, wakeSender }: CommandRunnerParts): (commands: unknown[] | undefined) => void {
  const seenCommands: string[] = [];

  async function runCommand(id: string, applianceId: string): Promise<void> {
    stats.commandsRun += 1;
    const zvm = reader.find(applianceId);
    const body = zvm
      ? await reader.sendUsage(zvm)
      : { result: "error" as const, detail: "this collector does not watch that appliance", at: new Date().toISOString() };
    log.info({ testTransmission: id, zvm: zvm?.name, result: body.result }, "test transmission run");
    await outbox.addResult(id, body);
    wakeSender();
    // A fresh reading shows what the test changed (the alert clears on success).
    if (zvm) await round.queue([await reader.read(zvm)]);
  }

  return (commands) => {
    for (const raw of commands ?? []) {
      const parsed = collectorCommandSchema.safeParse(raw);
      if (!parsed.success || seenCommands.includes(parsed.data.id)) continue;
      seenCommands.push(parsed.data.id);
      if (seenCommands.length > SEEN_COMMANDS) seenCommands.shift();
      tracker.track(runCommand(parsed.data.id, parsed.data.applianceId)).catch((error: unknown) => log.error({ err: error }, "command failed"));
    }
  };
}
