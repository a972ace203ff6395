// One audited change in a process of its own, for the "killed between a change
// and its audit row" test: tsx tests/integration/audit/change-child.ts <postgres url> <change>
// The test holds the audit table locked, so the change waits on its audit row
// inside its transaction until the test kills this process with SIGKILL.
import { registerAppliance } from "@/lib/appliances/register-appliance";
import { openDatabase, type Database } from "@/lib/db/client";
import { updateSettings } from "@/lib/settings/update-settings";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { testAdmin } from "../helpers/worker-context";

const changes: Record<string, (db: Database) => Promise<unknown>> = {
  "register-appliance": (db) =>
    registerAppliance(db, testAdmin, { name: "killed-mid-change", kind: "zvm", role: "production", mode: "reporting", url: "https://zvm.example.net:9669" }),
  "update-settings": (db) => updateSettings(db, testAdmin, { pollIntervalSeconds: 600 }),
  "create-api-token": (db) => createApiToken(db, testAdmin, { name: "killed-mid-change", role: "viewer" }),
};

async function main(): Promise<void> {
  const [url, name] = process.argv.slice(2);
  const change = changes[name];
  if (!change) throw new Error(`unknown change ${name}; one of ${Object.keys(changes).join(", ")}`);
  const db = await openDatabase({ kind: "postgres", url, poolSize: 2 });
  process.stdout.write("opened\n");
  await change(db);
  process.stdout.write("committed\n");
  await db.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
