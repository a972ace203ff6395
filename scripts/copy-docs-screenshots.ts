// npm run screenshots:docs — copies the README screenshots the browser tests
// wrote (test-results/screenshots) into docs/screenshots, on purpose: a test
// run never changes tracked files by itself. Run the browser tests first.
import fs from "node:fs";
import path from "node:path";

/** Where the browser tests write them (DOCS_SCREENSHOTS in tests/e2e/helpers/noc.ts). */
const DOCS_SCREENSHOTS = "test-results/screenshots";
const target = "docs/screenshots";
const tracked = fs.readdirSync(target).filter((name) => name.endsWith(".png"));
const found = fs.existsSync(DOCS_SCREENSHOTS) ? fs.readdirSync(DOCS_SCREENSHOTS).filter((name) => name.endsWith(".png")) : [];
if (found.length === 0) {
  console.error(`No screenshots in ${DOCS_SCREENSHOTS}: run the browser tests first (npm run test:browser).`);
  process.exit(1);
}
for (const name of found) {
  fs.copyFileSync(path.join(DOCS_SCREENSHOTS, name), path.join(target, name));
  console.log(`${target}/${name}`);
}
const missing = tracked.filter((name) => !found.includes(name));
if (missing.length > 0) console.warn(`Not refreshed (their specs did not run): ${missing.join(", ")}`);
