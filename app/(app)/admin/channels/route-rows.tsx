import { ALERT_CONDITIONS, SEVERITIES } from "@/lib/alerts/conditions";
import type { ChannelView } from "@/lib/channels/channel-view";

const inputClass = "mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm";

/** Routing rules as form rows: severity at least, one tag or every appliance, some conditions or all. */
export function RouteRows({ routes, blank }: { routes: ChannelView["routes"]; blank: number }) {
  const rows = [...routes.map((route) => ({ ...route, conditions: route.conditions.join(", ") })), ...Array.from({ length: blank }, () => null)];
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">Routing rules (any rule that matches sends the alert here)</legend>
      <input type="hidden" name="routeRows" value={rows.length} />
      {rows.map((route, index) => (
        <div key={route ? route.id : `blank-${index}`} className="grid grid-cols-[10rem_1fr_1fr] gap-2" data-testid="route-row">
          <label className="text-xs">
            Severity at least
            <select name={`route-${index}-severity`} defaultValue={route ? route.minSeverity : "remove"} className={inputClass}>
              {SEVERITIES.map((severity) => (
                <option key={severity} value={severity}>
                  {severity}
                </option>
              ))}
              <option value="remove">{route ? "remove this rule" : "no rule"}</option>
            </select>
          </label>
          <label className="text-xs">
            Only tag (e.g. tenant:acme; empty = all)
            <input name={`route-${index}-tag`} defaultValue={route?.tag ?? ""} maxLength={110} className={inputClass} />
          </label>
          <label className="text-xs">
            Only conditions (comma-separated; empty = all)
            <input name={`route-${index}-conditions`} defaultValue={route?.conditions ?? ""} maxLength={300} className={inputClass} placeholder={ALERT_CONDITIONS.slice(0, 3).join(", ")} />
          </label>
        </div>
      ))}
    </fieldset>
  );
}
