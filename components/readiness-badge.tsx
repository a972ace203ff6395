import type { MigrationReadiness, Reachability } from "@/lib/billing";

const STYLE: Record<MigrationReadiness, { symbol: string; label: string; className: string }> = {
  ready: { symbol: "✓", label: "Ready", className: "border-green-300 bg-green-50 text-green-900" },
  blocked: { symbol: "✕", label: "Blocked", className: "border-red-300 bg-red-50 text-red-900" },
  "pending-upgrade": { symbol: "↑", label: "Pending upgrade", className: "border-sky-300 bg-sky-50 text-sky-900" },
  unknown: { symbol: "…", label: "Unknown", className: "border-slate-300 bg-slate-50 text-slate-700" },
};

const REACHABILITY: Record<Reachability, string> = {
  reachable: "new endpoint reachable",
  unreachable: "new endpoint unreachable",
  unknown: "new endpoint not probed",
};

/** 9.0 readiness with a symbol and a word; for pending upgrades, what the collector's probe said. */
export function ReadinessBadge({ readiness, reachability }: { readiness: MigrationReadiness; reachability?: Reachability }) {
  const style = STYLE[readiness] ?? STYLE.unknown;
  return (
    <span className="inline-flex flex-wrap items-center gap-1" data-readiness={readiness}>
      <span className={`inline-flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${style.className}`}>
        <span aria-hidden="true">{style.symbol}</span>
        {style.label}
      </span>
      {readiness === "pending-upgrade" && reachability ? <span className="text-xs text-slate-600">{REACHABILITY[reachability]}</span> : null}
    </span>
  );
}
