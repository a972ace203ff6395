import { ActionForm } from "@/components/action-form";
import { Field, SelectField } from "@/components/field";
import { UserTable } from "@/components/users/user-table";
import { requirePageActor } from "@/lib/auth/page-guard";
import { USER_ROLES } from "@/lib/auth/roles";
import { listUsers } from "@/lib/users/list-users";
import { addUserAction, deleteUserAction, resetPasswordAction, updateUserAction } from "./actions";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const { db, actor } = await requirePageActor("admin");
  const users = await listUsers(db, actor);
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Users</h1>
      <UserTable users={users} selfId={actor.id} actions={{ update: updateUserAction, resetPassword: resetPasswordAction, remove: deleteUserAction }} />
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
