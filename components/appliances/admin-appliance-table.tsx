import Link from "next/link";
import { RemoveApplianceForm } from "@/components/appliances/remove-appliance-form";
import { StatusBadge } from "@/components/status-badge";
import type { ApplianceView } from "@/lib/appliances/appliance-view";
import type { ActionState } from "@/lib/http/action-state";

type Action = (previous: ActionState, form: FormData) => Promise<ActionState>;

/** Registered appliances with links to edit and a two-step remove. */
export function AdminApplianceTable({ appliances, removeApplianceAction }: { appliances: ApplianceView[]; removeApplianceAction: Action }) {
  return (
    <table className="w-full border-collapse text-sm">
      <thead>
        <tr className="border-b text-left text-slate-600">
          <th className="py-2">Name</th>
          <th>Status</th>
          <th>Mode</th>
          <th>URL</th>
          <th>Tenant</th>
          <th>Edit</th>
          <th>Remove</th>
        </tr>
      </thead>
      <tbody>
        {appliances.map((item) => (
          <tr key={item.id} className="border-b">
            <td className="py-1 whitespace-nowrap" id={`name-${item.id}`}>
              <Link className="text-blue-800 underline" href={`/appliances/${item.id}`}>
                {item.name}
              </Link>
            </td>
            <td>
              <StatusBadge status={item.billingStatus} />
            </td>
            <td>{item.mode}</td>
            <td className="break-all">{item.url}</td>
            <td>{item.tags.tenant ?? "—"}</td>
            <td>
              <Link className="text-blue-800 underline" href={`/appliances/${item.id}/edit`} aria-describedby={`name-${item.id}`}>
                Edit
              </Link>
            </td>
            <td>
              <RemoveApplianceForm action={removeApplianceAction} id={item.id} name={item.name} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
