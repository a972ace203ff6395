import Link from "next/link";
import { displayCell, exportCell, type TableModel } from "@/lib/history/compliance-tables";

const NUMERIC = new Set(["count", "share", "minutes"]);

/**
 * A table model (the same rows its CSV export writes), with an empty state. Each
 * cell carries the value the CSV writes in data-value, so what a spreadsheet
 * reads can be checked against what the screen shows.
 */
export function DataTable({ model, empty, caption }: { model: TableModel; empty: string; caption?: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm" data-testid={`table-${model.id}`}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead>
          <tr className="border-b text-left text-slate-700">
            {model.columns.map((column) => (
              <th key={column.label} scope="col" className={`px-2 py-2 font-semibold ${NUMERIC.has(column.kind) ? "text-right" : ""}`}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {model.rows.length === 0 ? (
            <tr>
              <td colSpan={model.columns.length} className="px-2 py-4 text-slate-600">
                {empty}
              </td>
            </tr>
          ) : (
            model.rows.map((row, index) => (
              <tr key={`${row[0]}-${index}`} className="border-b" data-testid="data-row">
                {row.map((cell, column) => {
                  const kind = model.columns[column].kind;
                  const text = displayCell(kind, cell);
                  const link = column === 0 ? model.links?.[index] : null;
                  const note = column === 0 ? model.notes?.[index] : null;
                  return (
                    <td
                      key={column}
                      data-value={String(exportCell(kind, cell) ?? "")}
                      className={`px-2 py-1.5 ${column === 0 ? "font-medium whitespace-nowrap" : NUMERIC.has(kind) ? "text-right tabular-nums" : ""}`}
                    >
                      {link ? (
                        <Link className="text-blue-800 underline" href={link}>
                          {text}
                        </Link>
                      ) : (
                        text
                      )}
                      {note ? <span className="ml-1 text-xs font-normal text-slate-600">({note})</span> : null}
                    </td>
                  );
                })}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
