/** VRAs by install state, and whether the ZVM reports losing them (connection alerts). */
export function VraSummary({ vras }: { vras: { total: number; states: Record<string, number>; connectionAlerts: number | null } | null }) {
  if (vras === null) return <>not read (the account may not list VRAs)</>;
  const states = Object.entries(vras.states).sort(([a], [b]) => (a === "Installed" ? -1 : b === "Installed" ? 1 : a.localeCompare(b)));
  return (
    <span data-testid="vras">
      {vras.total} VRA{vras.total === 1 ? "" : "s"}
      {states.length > 0 ? ` (${states.map(([state, count]) => `${count} ${installStateWords(state)}`).join(", ")})` : ""}
      {vras.connectionAlerts ? (
        <span className="ml-2 font-medium text-red-800" data-testid="vra-connection-alerts">
          <span aria-hidden="true">⚠ </span>
          {vras.connectionAlerts} VRA connection alert{vras.connectionAlerts === 1 ? "" : "s"} (the ZVM cannot reach VRAs)
        </span>
      ) : (
        <span className="ml-2 text-slate-700">· no VRA connection alerts</span>
      )}
    </span>
  );
}

/** "InstallationError" → "installation error". */
function installStateWords(state: string): string {
  return state.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}
