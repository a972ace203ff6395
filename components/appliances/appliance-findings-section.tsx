import type { Finding } from "@/lib/fleet/findings";

const SEVERITY = {
  critical: { symbol: "‼", label: "Critical", className: "border-red-300 bg-red-50" },
  warning: { symbol: "!", label: "Warning", className: "border-amber-300 bg-amber-50" },
  info: { symbol: "i", label: "Info", className: "border-slate-300 bg-white" },
} as const;

/** What is wrong with the appliance, worst first, each with the steps that fix it. */
export function ApplianceFindingsSection({ findings }: { findings: Finding[] }) {
  return (
    <section aria-labelledby="findings-heading">
      <h2 id="findings-heading" className="text-lg font-semibold">
        Findings
      </h2>
      {findings.length === 0 ? (
        <p className="mt-1 text-sm text-slate-700">
          <span aria-hidden="true">✓ </span>Nothing to fix.
        </p>
      ) : (
        <ul className="mt-2 space-y-2">
          {findings.map((finding) => {
            const style = SEVERITY[finding.severity];
            return (
              <li key={finding.code} className={`rounded border px-3 py-2 text-sm ${style.className}`} data-testid="reason" data-code={finding.code}>
                <p>
                  <span className="font-semibold">
                    <span aria-hidden="true">{style.symbol} </span>
                    {style.label}:
                  </span>{" "}
                  {finding.message}
                </p>
                {finding.fix.length > 0 ? (
                  <div className="mt-1">
                    <p className="font-medium">How to fix</p>
                    <ol className="ml-5 list-decimal space-y-0.5">
                      {finding.fix.map((step) => (
                        <li key={step}>{step}</li>
                      ))}
                    </ol>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
