// Seeds an embedded data directory for the wall specs and bench/wall-height.ts:
// an administrator and a viewer who signs in, and COUNT problem appliances (reporting, so the worker
// polls none of them) in the mix a bad day brings: a few disconnected and
// critical, many warnings at every stage, stale, never seen, trial-licence misfits.
//   npx tsx tests/e2e/seed-wall-fleet.ts <dataDir> <count>
// Run it before the server starts (the embedded database has one owner at a time).
import { sealPassword } from "../../lib/appliances/appliance-secrets";
import { openConfiguredDatabase } from "../../lib/db";
import { parseEnv } from "../../lib/env";
import { refreshStoredViews } from "../../lib/poller/maintenance-jobs";
import { addUser } from "../../lib/users/add-user";
import { WALL_VIEWER } from "./wall-viewer";


const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const REGIONS = ["ams", "fra", "lon", "par", "nyc", "dal"];

/** Evidence for the index-th appliance: 1 in 20 disconnected, 1 in 10 critical, then warnings, stale, unknown, misfits. */
function evidenceFor(index: number, now: number) {
  const fresh = {
    lastDataAt: new Date(now - 60_000),
    alertsObservedAt: new Date(now - 60_000),
    licenseType: "Cloud",
    version: "9.7.10",
    version9SeenAt: new Date(now - 90 * DAY),
    billingAlertActive: true,
    disconnectionAlertActive: false,
  };
  const roll = index % 20;
  if (roll === 0) return { ...fresh, billingAlertTurnedOn: new Date(now - (16 + (index % 7)) * DAY), disconnectionAlertActive: true };
  if (roll <= 2) return { ...fresh, billingAlertTurnedOn: new Date(now - (11 + (index % 4)) * DAY - HOUR) };
  if (roll <= 13) return { ...fresh, billingAlertTurnedOn: new Date(now - (1 + (index % 9)) * DAY - HOUR) };
  if (roll <= 16) return { ...fresh, billingAlertActive: false, lastDataAt: new Date(now - (2 + (index % 30)) * HOUR) };
  if (roll === 17) return { billingAlertActive: null, disconnectionAlertActive: null };
  return { ...fresh, billingAlertActive: false, licenseType: roll === 18 ? "Trial" : "NFR" };
}

async function main() {
  const [dataDir, countText] = process.argv.slice(2);
  const count = Number(countText);
  if (!dataDir || !Number.isInteger(count) || count < 0) throw new Error("usage: seed-wall-fleet.ts <dataDir> <count>");
  process.env.LIFELINE_DATA_DIR = dataDir;
  const db = await openConfiguredDatabase(parseEnv(process.env));
  try {
    const cli = { kind: "cli" as const, id: "e2e", label: "cli:e2e", role: "admin" as const };
    // An administrator exists (else every page leads to the first-run page), and the viewer who shows the wall.
    if ((await db.prisma.user.count({ where: { role: "admin" } })) === 0) {
      await addUser(db, cli, { email: "wall-admin@e2e.example.net", password: "wall admin password 1", role: "admin" });
    }
    if ((await db.prisma.user.count({ where: { email: WALL_VIEWER.email } })) === 0) {
      await addUser(db, cli, { ...WALL_VIEWER, role: "viewer" });
    }
    await db.prisma.appliance.deleteMany({});
    const sealed = sealPassword("not used");
    const now = Date.now();
    await db.prisma.appliance.createMany({
      data: Array.from({ length: count }, (_, index) => ({
        // Long names, as real fleets have them: the wall must shorten them whole, never mid-word.
        name: `demo-zvm-${REGIONS[index % REGIONS.length]}-datacenter-${String(index).padStart(4, "0")}`,
        kind: "zvm" as const,
        role: "production" as const,
        mode: "reporting" as const,
        url: `https://zvm-${index}.example.net:9669`,
        username: "svc",
        passwordSealed: sealed,
        tenant: `tenant-${String(index % 40).padStart(2, "0")}`,
        region: REGIONS[index % REGIONS.length],
        createdAt: new Date(now - 60_000),
        ...evidenceFor(index, now),
      })),
    });
    await refreshStoredViews(db);
  } finally {
    await db.close();
  }
}

if (process.argv[1]?.endsWith("seed-wall-fleet.ts")) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
