import type { TableModel } from "@/lib/history/compliance-tables";

/** A table model (the same rows its CSV export writes), with an empty state. */
export function DataTable({ model, empty, caption }: { model: TableModel; empty: string; caption?: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm" data-testid={`table-${model.id}`}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead>
          <tr className="border-b text-left text-slate-700">
            {model.columns.map((column) => (
              <th key={column} scope="col" className="px-2 py-2 font-semibold whitespace-nowrap">
                {column}
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
                {row.map((cell, column) => (
                  <td key={column} className={`px-2 py-1.5 ${column === 0 ? "font-medium" : "tabular-nums"}`}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
