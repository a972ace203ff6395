// `npm run collector -- --config <file>`: reads the ZVMs near it and pushes
// heartbeats to Lifeline. The collector's one entry point: the only place it
// reads the process environment (for secrets the config names by variable).
import { parseArgs } from "node:util";
import pino from "pino";
import { CollectorConfigError, loadCollectorConfig } from "./collector-config";
import { startCollector } from "./collector";

const USAGE = `Lifeline collector: reads ZVMs that Lifeline cannot reach and sends their heartbeats.

  npm run collector -- --config collector.json [--once]

  --config FILE   the collector's config (see collector/example-config.json)
  --once          read every ZVM once, deliver what is queued, and exit
`;

/** Listening starts first, so a signal during start-up stops the collector once started. */
const stopRequested = new Promise<void>((resolve) => {
  process.once("SIGINT", () => resolve());
  process.once("SIGTERM", () => resolve());
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { config: { type: "string" }, once: { type: "boolean", default: false }, help: { type: "boolean", default: false } },
  });
  if (values.help || !values.config) {
    process.stdout.write(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  let config;
  try {
    config = loadCollectorConfig(values.config, process.env);
  } catch (error) {
    if (error instanceof CollectorConfigError) {
      console.error(`lifeline collector: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const log = pino({
    level: config.logLevel,
    base: { app: "lifeline-collector" },
    redact: { paths: ["password", "*.password", "token", "*.token", "authorization", "*.authorization"], censor: "[redacted]" },
  });
  const collector = await startCollector({ config, log, schedule: !values.once });
  if (values.once) {
    const round = (async () => {
      await collector.runRound();
      await collector.whenIdle();
    })();
    await Promise.race([round, stopRequested]);
    await collector.stop();
    return;
  }
  await stopRequested;
  await collector.stop();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(`lifeline collector: ${(error as Error).message}`);
  process.exit(1);
});
