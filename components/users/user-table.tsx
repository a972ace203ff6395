import { ActionForm } from "@/components/action-form";
import { Field, SelectField } from "@/components/field";
import { USER_ROLES } from "@/lib/auth/roles";
import { formatUtc } from "@/lib/billing/time";
import type { ActionState } from "@/lib/http/action-state";

type Action = (previous: ActionState, form: FormData) => Promise<ActionState>;

export interface UserRow {
  id: string;
  email: string;
  name: string | null;
  role: string;
  disabled: boolean;
  lastSignInAt: Date | null;
}

export interface UserActions {
  update: Action;
  resetPassword: Action;
  remove: Action;
}

const when = (at: Date | null) => (at ? formatUtc(at) : "never");

function UserActionsCell({ user, actions, self }: { user: UserRow; actions: UserActions; self: boolean }) {
  return (
    <td className="space-y-2 py-1">
      <ActionForm action={actions.update} submitLabel="Apply" inline>
        <input type="hidden" name="id" value={user.id} />
        <SelectField label="Role" name="role" defaultValue={user.role} options={USER_ROLES} className="w-32" />
        <SelectField label="Access" name="access" defaultValue={user.disabled ? "Disabled" : "Active"} options={["Active", "Disabled"]} className="w-32" />
      </ActionForm>
      <details>
        <summary className="cursor-pointer text-sm text-blue-800 underline">Reset password of {user.email}</summary>
        <ActionForm action={actions.resetPassword} submitLabel={`Set new password for ${user.email}`} className="mt-2 max-w-sm space-y-2">
          <input type="hidden" name="id" value={user.id} />
          <Field label="New password (12+ characters; empty: generate one)" name="password" type="password" minLength={12} maxLength={200} autoComplete="new-password" />
        </ActionForm>
      </details>
      {self ? null : (
        <details>
          <summary className="cursor-pointer text-sm text-red-800 underline">Delete {user.email}</summary>
          <ActionForm action={actions.remove} submitLabel={`Delete ${user.email} for good`} className="mt-2 space-y-2">
            <input type="hidden" name="id" value={user.id} />
            <p className="text-sm text-slate-700">Their API tokens keep working until revoked; the audit log keeps their actions.</p>
          </ActionForm>
        </details>
      )}
    </td>
  );
}

/** The users, with whether each may sign in (Active / Disabled) and what an admin can change. */
export function UserTable({ users, actions, selfId }: { users: UserRow[]; actions: UserActions; selfId: string }) {
  return (
    <table className="w-full border-collapse text-sm [&_td]:pr-3">
      <thead>
        <tr className="border-b text-left text-slate-600">
          <th className="py-2">Email</th>
          <th>Role</th>
          <th>Access</th>
          <th>Last sign-in</th>
          <th>Change</th>
        </tr>
      </thead>
      <tbody>
        {users.map((user) => (
          <tr key={user.id} className="border-b align-top" data-testid="user-row" data-email={user.email}>
            <td className="py-2">
              <span className="whitespace-nowrap">{user.email}</span>
              {user.name ? <div className="text-xs text-slate-600">{user.name}</div> : null}
            </td>
            <td className="py-2">{user.role}</td>
            <td className="py-2" data-testid="user-access">
              {user.disabled ? <span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium">Disabled</span> : "Active"}
            </td>
            <td className="py-2 whitespace-nowrap">{when(user.lastSignInAt)}</td>
            <UserActionsCell user={user} actions={actions} self={user.id === selfId} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
