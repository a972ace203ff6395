import { ActionForm } from "@/components/action-form";
import { formatUtc } from "@/lib/billing/time";
import type { ActionState } from "@/lib/http/action-state";
import type { SilenceView } from "@/lib/alerts/silence-view";

const when = (iso: string) => formatUtc(new Date(iso));

/** Silences and maintenance windows, active or scheduled; `endAction` for those who may end them. */
export function SilencesTable({
  silences,
  endAction,
  testId,
}: {
  silences: SilenceView[];
  endAction: ((previous: ActionState, form: FormData) => Promise<ActionState>) | null;
  testId: string;
}) {
  const columns = endAction ? 7 : 6;
  return (
    <table className="mt-2 w-full text-sm [&_td]:pr-3 [&_th]:pr-3" data-testid={testId}>
      <thead>
        <tr className="border-b text-left text-slate-600">
          <th className="py-1">Kind</th>
          <th>Matches</th>
          <th>From</th>
          <th>Until</th>
          <th>By</th>
          <th>Reason</th>
          {endAction ? <th>End</th> : null}
        </tr>
      </thead>
      <tbody>
        {silences.length === 0 ? (
          <tr>
            <td colSpan={columns} className="py-2 text-slate-600">
              None.
            </td>
          </tr>
        ) : null}
        {silences.map((silence) => {
          const matches = [silence.appliance?.name, silence.tag, silence.condition].filter(Boolean).join(" · ");
          return (
            <tr key={silence.id} className="border-b" data-testid="silence-row">
              <td className="py-1 whitespace-nowrap">
                {silence.kind}
                {silence.active ? " (active)" : " (scheduled)"}
              </td>
              <td>{matches}</td>
              <td className="whitespace-nowrap">{when(silence.startsAt)}</td>
              <td className="whitespace-nowrap">{when(silence.endsAt)}</td>
              <td>{silence.createdBy}</td>
              <td>{silence.reason}</td>
              {endAction ? (
                <td>
                  <ActionForm action={endAction} submitLabel={`End ${silence.kind} for ${matches}`} shortLabel="End" inline>
                    <input type="hidden" name="id" value={silence.id} />
                  </ActionForm>
                </td>
              ) : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
