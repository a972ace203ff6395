import { ActionForm } from "@/components/action-form";
import { Field, SelectField } from "@/components/field";
import { requirePageActor } from "@/lib/auth/page-guard";
import { USER_ROLES } from "@/lib/auth/roles";
import { listUsers } from "@/lib/users/list-users";
import { addUserAction, updateUserAction } from "./actions";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const { db, actor } = await requirePageActor("admin");
  const users = await listUsers(db, actor);
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Users</h1>
      <table className="w-full border-collapse text-sm">
        <thead>
          <tr className="border-b text-left text-slate-600">
            <th className="py-2">Email</th>
            <th>Role</th>
            <th>Last sign-in</th>
            <th>Change</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} className="border-b align-top">
              <td className="py-2">
                {user.email}
                {user.disabled ? <span className="ml-2 rounded bg-slate-200 px-1.5 text-xs">disabled</span> : null}
              </td>
              <td>{user.role}</td>
              <td>{user.lastSignInAt ? user.lastSignInAt.toISOString().replace("T", " ").slice(0, 16) + " UTC" : "never"}</td>
              <td className="py-1">
                <ActionForm action={updateUserAction} submitLabel="Apply" inline>
                  <input type="hidden" name="id" value={user.id} />
                  <SelectField label="Role" name="role" defaultValue={user.role} options={USER_ROLES} className="w-32" />
                  <SelectField
                    label="Access"
                    name="disabled"
                    defaultValue={user.disabled ? "true" : "false"}
                    options={["false", "true"]}
                    className="w-28"
                  />
                </ActionForm>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section className="max-w-md rounded border border-slate-200 bg-white p-4">
        <h2 className="text-lg font-semibold">Add a user</h2>
        <ActionForm action={addUserAction} submitLabel="Add user">
          <Field label="Email" name="email" type="email" required maxLength={254} />
          <Field label="Name (optional)" name="name" maxLength={120} />
          <SelectField label="Role" name="role" defaultValue="viewer" options={USER_ROLES} />
          <Field label="Initial password (12+ characters)" name="password" type="password" required minLength={12} maxLength={200} autoComplete="new-password" />
        </ActionForm>
      </section>
    </div>
  );
}
