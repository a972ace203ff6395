import { ActionForm } from "@/components/action-form";
import { Field, SelectField } from "@/components/field";
import { requirePageActor } from "@/lib/auth/page-guard";
import { TOKEN_ROLES } from "@/lib/auth/roles";
import { listApiTokens } from "@/lib/tokens/list-api-tokens";
import { createTokenAction, revokeTokenAction } from "./actions";

export const metadata = { title: "API tokens" };

function when(date: Date | null): string {
  return date ? date.toISOString().replace("T", " ").slice(0, 16) + " UTC" : "—";
}

export default async function TokensPage() {
  const { db, actor } = await requirePageActor("admin");
  const tokens = await listApiTokens(db, actor);
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">API and collector tokens</h1>
      <p className="max-w-3xl text-sm text-slate-700">
        Automation sends <code>Authorization: Bearer &lt;token&gt;</code> to any <code>/api/v1</code> route. Collectors use a
        token with the collector role, limited to appliance tags; Prometheus scrapes <code>/metrics</code> with a token of the
        metrics role, which opens nothing else. Tokens are stored hashed and shown only once.
      </p>
      <table className="w-full border-collapse text-sm">
        <thead>
          <tr className="border-b text-left text-slate-600">
            <th className="py-2">Name</th>
            <th>Role</th>
            <th>Starts with</th>
            <th>Created</th>
            <th>Last used</th>
            <th>State</th>
          </tr>
        </thead>
        <tbody>
          {tokens.length === 0 ? (
            <tr>
              <td colSpan={6} className="py-4 text-slate-600">
                No tokens yet.
              </td>
            </tr>
          ) : null}
          {tokens.map((token) => (
            <tr key={token.id} className="border-b">
              <td className="py-2">{token.name}</td>
              <td>{token.role}</td>
              <td className="font-mono">{token.prefix}…</td>
              <td>
                {when(token.createdAt)}
                {token.createdBy ? ` by ${token.createdBy.email}` : ""}
              </td>
              <td>{when(token.lastUsedAt)}</td>
              <td>
                {token.revokedAt ? (
                  `revoked ${when(token.revokedAt)}`
                ) : (
                  <ActionForm action={revokeTokenAction} submitLabel={`Revoke ${token.name}`} inline>
                    <input type="hidden" name="id" value={token.id} />
                  </ActionForm>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section className="max-w-md rounded border border-slate-200 bg-white p-4">
        <h2 className="text-lg font-semibold">Create a token</h2>
        <ActionForm action={createTokenAction} submitLabel="Create token">
          <Field label="Name" name="name" required maxLength={100} />
          <SelectField label="Role" name="role" defaultValue="viewer" options={TOKEN_ROLES} />
          <Field label="Limit to tags (collector tokens; comma-separated, optional)" name="tags" maxLength={2000} />
        </ActionForm>
      </section>
    </div>
  );
}
