import { ActionForm } from "@/components/action-form";
import { TimeAgo } from "@/components/time-ago";
import type { AlertCatalogItem } from "@/lib/alert-catalog/list-alert-catalog";
import type { ActionState } from "@/lib/http/action-state";

type MarkAction = (previous: ActionState, form: FormData) => Promise<ActionState>;

const RECOGNISED = { billing: "billing alert", disconnection: "disconnection alert" } as const;

/** Kinds of ZVM alert seen in the fleet; an admin can mark a help identifier in one click. */
export function AlertCatalogTable({ items, now, mark }: { items: AlertCatalogItem[]; now: Date; mark: MarkAction | null }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm">
        <thead>
          <tr className="border-b text-left text-slate-700">
            {["Help identifier", "Entity / level", "Sample description", "Appliances now", "First / last seen", "Lifeline reads it as"].map((column) => (
              <th key={column} scope="col" className="px-2 py-2 font-semibold">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={`${item.helpIdentifier}-${item.entity}-${item.level}`} className="border-b align-top" data-testid="catalog-row" data-help={item.helpIdentifier ?? ""}>
              <td className="px-2 py-1.5 font-mono font-medium">{item.helpIdentifier ?? "(none)"}</td>
              <td className="px-2 py-1.5">
                {item.entity ?? "—"} · {item.level ?? "—"}
              </td>
              <td className="max-w-xl px-2 py-1.5 break-words">{item.description ?? "—"}</td>
              <td className="px-2 py-1.5 tabular-nums">{item.appliances}</td>
              <td className="px-2 py-1.5 whitespace-nowrap">
                <TimeAgo at={item.firstSeenAt} now={now} /> / <TimeAgo at={item.lastSeenAt} now={now} />
              </td>
              <td className="px-2 py-1.5" data-testid="recognised-as">
                <p>{item.recognisedAs ? RECOGNISED[item.recognisedAs] : "not recognised"}</p>
                {mark && item.helpIdentifier ? <MarkButtons helpIdentifier={item.helpIdentifier} current={item.recognisedAs} mark={mark} /> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MarkButtons({ helpIdentifier, current, mark }: { helpIdentifier: string; current: AlertCatalogItem["recognisedAs"]; mark: MarkAction }) {
  const choices = [
    { as: "billing", label: "Mark as billing" },
    { as: "disconnection", label: "Mark as disconnection" },
    { as: "", label: "Mark as neither" },
  ].filter((choice) => choice.as !== (current ?? ""));
  return (
    <div className="mt-1 flex flex-wrap gap-1">
      {choices.map((choice) => (
        <ActionForm key={choice.as} action={mark} submitLabel={choice.label} inline>
          <input type="hidden" name="helpIdentifier" value={helpIdentifier} />
          <input type="hidden" name="recognisedAs" value={choice.as} />
        </ActionForm>
      ))}
    </div>
  );
}
