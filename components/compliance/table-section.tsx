import Link from "next/link";
import { DataTable } from "@/components/data-table";
import type { TableModel } from "@/lib/history/compliance-tables";
import { hrefOf } from "@/lib/history/compliance-view";
import type { ComplianceReport } from "@/lib/history/get-compliance-report";

/** A titled table with its CSV download: the same rows, numbers as numbers. */
export function TableSection({
  model,
  csvHref,
  empty,
  note,
  children,
}: {
  model: TableModel;
  csvHref: string;
  empty: string;
  note?: React.ReactNode;
  children?: React.ReactNode;
}) {
  return (
    <section aria-labelledby={`heading-${model.id}`} className="space-y-2 break-inside-avoid">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`heading-${model.id}`} className="text-lg font-semibold">
          {model.title}
        </h2>
        <div className="flex flex-wrap items-center gap-2 print:hidden">
          {children}
          <a href={csvHref} download className="rounded border border-slate-400 bg-white px-3 py-1 text-sm font-medium hover:bg-slate-50" data-testid={`csv-${model.id}`}>
            Download CSV
          </a>
        </div>
      </div>
      {note ? <p className="text-sm text-slate-700">{note}</p> : null}
      <div className="rounded border border-slate-300 bg-white">
        <DataTable model={model} empty={empty} />
      </div>
    </section>
  );
}

/** Which appliances the appliance table (and its CSV) lists. */
export function ApplianceFilterLinks({ report }: { report: Pick<ComplianceReport, "period" | "applianceFilter"> }) {
  const options = [
    { value: "attention", label: "Not compliant every day" },
    { value: "all", label: "All" },
  ] as const;
  return (
    <nav aria-label="Appliances listed" className="flex gap-1">
      {options.map((option) => (
        <Link
          key={option.value}
          href={hrefOf("/compliance", { ...report.period.query, appliances: option.value === "all" ? "all" : undefined })}
          aria-current={report.applianceFilter === option.value ? "true" : undefined}
          className={`rounded border px-2 py-0.5 text-sm ${report.applianceFilter === option.value ? "border-blue-700 bg-blue-700 text-white" : "border-slate-400 bg-white"}`}
        >
          {option.label}
        </Link>
      ))}
    </nav>
  );
}
