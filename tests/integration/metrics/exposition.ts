// Reads the Prometheus text format back, for assertions: one entry per sample
// line, label values unescaped as the format defines.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const unescape = (value: string) => value.replace(/\\(["\\n])/g, (_, char: string) => (char === "n" ? "\n" : char));

export function parseExposition(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) types.set(type[1], type[2]);
    if (line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1]] = unescape(pair[2]);
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return { samples, types };
}

export const pick = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
