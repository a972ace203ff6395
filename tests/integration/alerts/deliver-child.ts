// A delivery worker in its own process, for the "killed mid-delivery" test:
// tsx tests/integration/alerts/deliver-child.ts <postgres url> <worker id>
// It delivers until it is killed; the test kills it with SIGKILL mid-request.
import { deliverDueMessages } from "@/lib/alerts/deliver-messages";
import { openDatabase } from "@/lib/db/client";
import { getLogger } from "@/lib/log";

async function main(): Promise<void> {
  const [url, workerId] = process.argv.slice(2);
  const db = await openDatabase({ kind: "postgres", url, poolSize: 2 });
  process.stdout.write("ready\n");
  await deliverDueMessages(db, { workerId, log: getLogger() });
  await db.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
