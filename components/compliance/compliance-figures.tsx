import type { TotalFigure } from "@/lib/history/compliance-view";
import { displayCell } from "@/lib/history/compliance-tables";

/** The period's totals, one tile each. */
export function ComplianceFigures({ figures }: { figures: TotalFigure[] }) {
  return (
    <section aria-label="Totals for the period" className="grid grid-cols-2 gap-2 md:grid-cols-3 xl:grid-cols-6">
      {figures.map((figure) => (
        <div key={figure.label} className="rounded border border-slate-300 bg-white p-3" data-testid={figure.testId}>
          <div className="text-xs font-medium text-slate-700">{figure.label}</div>
          <div className="text-2xl font-semibold tabular-nums">{displayCell(figure.kind, figure.value)}</div>
        </div>
      ))}
    </section>
  );
}
