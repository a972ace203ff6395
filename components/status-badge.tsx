import type { BillingStatus } from "@/lib/billing";

// Status is never shown by colour alone: each has its own symbol and word.
const STYLE: Record<BillingStatus, { symbol: string; className: string; label: string }> = {
  ok: { symbol: "✓", className: "bg-green-100 text-green-900 border-green-300", label: "OK" },
  warning: { symbol: "!", className: "bg-amber-100 text-amber-950 border-amber-300", label: "Warning" },
  critical: { symbol: "‼", className: "bg-red-100 text-red-900 border-red-300", label: "Critical" },
  disconnected: { symbol: "✕", className: "bg-red-800 text-white border-red-900", label: "Disconnected" },
  exempt: { symbol: "–", className: "bg-slate-100 text-slate-700 border-slate-300", label: "Exempt" },
  stale: { symbol: "?", className: "bg-violet-100 text-violet-900 border-violet-300", label: "Stale" },
  unknown: { symbol: "…", className: "bg-slate-100 text-slate-700 border-slate-300", label: "Unknown" },
};

export function statusLabel(status: BillingStatus): string {
  return STYLE[status]?.label ?? status;
}

export function statusSymbol(status: BillingStatus): string {
  return STYLE[status]?.symbol ?? "?";
}

export function StatusBadge({ status, size = "sm" }: { status: BillingStatus; size?: "sm" | "lg" }) {
  const style = STYLE[status] ?? STYLE.unknown;
  const sizing = size === "lg" ? "gap-2 px-3 py-1 text-[length:clamp(1rem,1.6vw,3rem)]" : "gap-1 px-2 py-0.5 text-xs";
  return (
    <span className={`inline-flex items-center rounded border font-semibold whitespace-nowrap ${sizing} ${style.className}`} data-status={status}>
      <span aria-hidden="true">{style.symbol}</span>
      {style.label}
    </span>
  );
}
