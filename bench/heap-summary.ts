// Summarises a V8 heap snapshot (.heapsnapshot, e.g. from `bench:soak -- --heap-snapshot DIR`):
// the total, and the largest groups of objects by constructor (or by kind for
// strings, code, arrays…), with their count and shallow size.
//   npx tsx bench/heap-summary.ts FILE.heapsnapshot [--top 25]
import fs from "node:fs";
import { parseArgs } from "node:util";

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

function main() {
  const { values, positionals } = parseArgs({ options: { top: { type: "string", default: "25" } }, allowPositionals: true });
  if (positionals.length !== 1) throw new Error("usage: heap-summary FILE.heapsnapshot [--top 25]");
  const data = JSON.parse(fs.readFileSync(positionals[0], "utf8")) as Snapshot;
  const fields = data.snapshot.meta.node_fields;
  const kinds = data.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf("type");
  const nameAt = fields.indexOf("name");
  const sizeAt = fields.indexOf("self_size");
  const groups = new Map<string, { count: number; bytes: number }>();
  let total = 0;
  for (let index = 0; index < data.nodes.length; index += width) {
    const kind = kinds[data.nodes[index + typeAt]];
    const bytes = data.nodes[index + sizeAt];
    const name = data.strings[data.nodes[index + nameAt]];
    // Objects group by constructor; everything else (strings, code, closures, native) by kind.
    const key = kind === "object" || kind === "native" ? `${kind}: ${name.slice(0, 60)}` : kind === "closure" ? "closures" : kind;
    const group = groups.get(key) ?? { count: 0, bytes: 0 };
    group.count += 1;
    group.bytes += bytes;
    groups.set(key, group);
    total += bytes;
  }
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1).padStart(7);
  console.log(`${positionals[0]}: ${mb(total)} MB in ${(data.nodes.length / width).toLocaleString("en")} objects`);
  for (const [key, group] of [...groups].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, Number(values.top))) {
    console.log(`${mb(group.bytes)} MB  ${group.count.toLocaleString("en").padStart(10)}  ${key}`);
  }
}

main();
