import { ALERT_CONDITIONS, CONDITION_LABELS, SEVERITIES } from "@/lib/alerts/conditions";
import { ALERT_STATUSES } from "@/lib/alerts/list-alerts";

const selectClass = "mt-1 block rounded border border-slate-400 bg-white px-2 py-1.5 text-sm";

export interface AlertFilterValues {
  status: string;
  severity?: string;
  condition?: string;
  q?: string;
}

/** Filters by status, severity, condition and appliance name (a GET form: the URL says what is shown). */
export function AlertFilters({ values }: { values: AlertFilterValues }) {
  return (
    <form className="flex flex-wrap items-end gap-3" aria-label="Filter alerts">
      <label className="text-sm font-medium">
        Status
        <select name="status" defaultValue={values.status} className={selectClass}>
          <option value="open,acknowledged">open and acknowledged</option>
          {ALERT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
          <option value={ALERT_STATUSES.join(",")}>all</option>
        </select>
      </label>
      <label className="text-sm font-medium">
        Severity
        <select name="severity" defaultValue={values.severity ?? ""} className={selectClass}>
          <option value="">any</option>
          {SEVERITIES.map((severity) => (
            <option key={severity} value={severity}>
              {severity}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm font-medium">
        Condition
        <select name="condition" defaultValue={values.condition ?? ""} className={selectClass}>
          <option value="">any</option>
          {ALERT_CONDITIONS.map((condition) => (
            <option key={condition} value={condition}>
              {CONDITION_LABELS[condition]}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm font-medium">
        Appliance
        <input name="q" defaultValue={values.q ?? ""} maxLength={200} className="mt-1 block rounded border border-slate-400 bg-white px-2 py-1.5 text-sm" />
      </label>
      <button type="submit" className="rounded bg-slate-800 px-3 py-1.5 text-sm font-medium text-white">
        Filter
      </button>
    </form>
  );
}
