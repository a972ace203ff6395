import { ActionForm } from "@/components/action-form";
import { APPLIANCE_CSV_COLUMNS } from "@/lib/appliances/import-appliances-csv";
import type { ActionState } from "@/lib/http/action-state";

type Action = (previous: ActionState, form: FormData) => Promise<ActionState>;

/** Registers many appliances from a CSV file; the columns are the importer's own. */
export function ImportCsvSection({ importCsvAction }: { importCsvAction: Action }) {
  return (
    <section className="rounded border border-slate-200 bg-white p-4">
      <h2 className="text-lg font-semibold">Import a CSV</h2>
      <p className="mt-1 text-sm text-slate-700">
        Header line with columns:{" "}
        <code className="break-words">{APPLIANCE_CSV_COLUMNS.join(", ")}</code>{" "}
        (comma-separated, in any order; labels separated by <code>;</code>). Bad rows are listed; good rows are added.
      </p>
      <ActionForm action={importCsvAction} submitLabel="Import">
        <input type="file" name="file" accept=".csv,text/csv" aria-label="CSV file" className="block text-sm" />
      </ActionForm>
    </section>
  );
}
