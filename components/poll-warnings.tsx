/** What the last poll could not read and ignored: the poll itself succeeded. */
export function PollWarnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <details className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm" data-testid="poll-warnings">
      <summary className="cursor-pointer font-medium">
        The last poll ignored {warnings.length} value{warnings.length === 1 ? "" : "s"} it could not read
      </summary>
      <ul className="ml-5 mt-1 list-disc space-y-0.5 break-words">
        {warnings.map((warning) => (
          <li key={warning}>{warning}</li>
        ))}
      </ul>
    </details>
  );
}
