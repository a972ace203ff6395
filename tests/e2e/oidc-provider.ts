// A real OpenID provider on loopback for the single sign-on tests: the certified
// `oidc-provider` package with one confidential client (Lifeline), a sign-in
// form of its own, and a control route the tests use to add users and change
// their groups, as an identity provider's admin would.
//   npx tsx tests/e2e/oidc-provider.ts --port 3212 --client-id lifeline --redirect-uri http://127.0.0.1:3210/api/auth/callback/oidc
// The client secret is read from OIDC_TEST_CLIENT_SECRET.
import crypto from "node:crypto";
import http from "node:http";
import { parseArgs } from "node:util";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";

interface TestAccount {
  login: string;
  password: string;
  email: string;
  name: string;
  groups: string[];
}

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    "client-id": { type: "string" },
    "redirect-uri": { type: "string" },
  },
});
const port = Number(values.port);
const clientId = values["client-id"];
const redirectUri = values["redirect-uri"];
const clientSecret = process.env.OIDC_TEST_CLIENT_SECRET;
if (!Number.isInteger(port) || !clientId || !redirectUri || !clientSecret) {
  console.error("usage: OIDC_TEST_CLIENT_SECRET=… tsx tests/e2e/oidc-provider.ts --port <p> --client-id <id> --redirect-uri <uri>");
  process.exit(2);
}

const issuer = `http://127.0.0.1:${port}`;
const accounts = new Map<string, TestAccount>();
const signingKey = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  jwks: { keys: [{ ...signingKey, kid: "e2e", use: "sig", alg: "RS256" }] },
  cookies: { keys: [crypto.randomBytes(32).toString("hex")] },
  // Groups are a claim of their own scope, as Okta releases them.
  scopes: ["openid", "email", "profile", "groups"],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
  features: { devInteractions: { enabled: false } },
  // PKCE is refused unless it is S256, and required of every client.
  pkce: { required: () => true },
  interactions: { url: (_ctx: KoaContextWithOIDC, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
  // A first-party client: no consent screen, Lifeline gets the scopes it asks for.
  async loadExistingGrant(ctx: KoaContextWithOIDC) {
    const session = ctx.oidc.session;
    const client = ctx.oidc.client;
    if (!session?.accountId || !client) return undefined;
    const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope(String(ctx.oidc.params?.scope ?? "openid"));
    await grant.save();
    return grant;
  },
  // Claims are read when tokens and userinfo are made: a changed group shows at the next sign-in.
  async findAccount(_ctx: KoaContextWithOIDC, id: string) {
    const account = accounts.get(id);
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        const current = accounts.get(id) ?? account;
        return { sub: id, email: current.email, email_verified: true, name: current.name, groups: [...current.groups] };
      },
    };
  },
});

const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function loginPage(uid: string, error: string | null): string {
  return `<!doctype html><html><head><title>Example IdP sign-in</title></head><body>
<h1>Example IdP</h1>
<form method="post" action="/interaction/${escape(uid)}/login">
  ${error ? `<p role="alert">${escape(error)}</p>` : ""}
  <label>Username <input name="login" autocomplete="username" required></label>
  <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
  <button type="submit">Continue</button>
</form></body></html>`;
}

async function readBody(request: http.IncomingMessage, limit = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error("body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function send(response: http.ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { "content-type": type, "cache-control": "no-store" }).end(body);
}

async function serveInteraction(request: http.IncomingMessage, response: http.ServerResponse, uid: string, action: string | undefined) {
  const details = await provider.interactionDetails(request, response);
  if (details.uid !== uid) return send(response, 400, "text/plain", "interaction mismatch");
  if (details.prompt.name !== "login") return send(response, 501, "text/plain", `prompt ${details.prompt.name} is not handled`);
  if (request.method === "GET" && !action) return send(response, 200, "text/html; charset=utf-8", loginPage(uid, null));
  if (request.method === "POST" && action === "login") {
    const form = new URLSearchParams(await readBody(request));
    const account = accounts.get(form.get("login") ?? "");
    if (!account || account.password !== form.get("password")) {
      return send(response, 200, "text/html; charset=utf-8", loginPage(uid, "Wrong username or password."));
    }
    await provider.interactionFinished(request, response, { login: { accountId: account.login } }, { mergeWithLastSubmission: false });
    return;
  }
  send(response, 405, "text/plain", "method not allowed");
}

const handleOidc = provider.callback();

const server = http.createServer((request, response) => {
  const url = new URL(request.url ?? "/", issuer);
  const interaction = /^\/interaction\/([\w-]+)(?:\/(login))?$/.exec(url.pathname);
  if (interaction) {
    serveInteraction(request, response, interaction[1], interaction[2]).catch((error: unknown) => {
      if (!response.headersSent) send(response, 400, "text/plain", `interaction failed: ${(error as Error).message}`);
    });
    return;
  }
  if (url.pathname === "/_control/accounts" && request.method === "POST") {
    readBody(request)
      .then((text) => {
        const account = JSON.parse(text) as TestAccount;
        if (typeof account.login !== "string" || !Array.isArray(account.groups)) throw new Error("login and groups are required");
        accounts.set(account.login, account);
        send(response, 200, "application/json", JSON.stringify({ login: account.login, groups: account.groups }));
      })
      .catch((error: unknown) => send(response, 400, "text/plain", (error as Error).message));
    return;
  }
  handleOidc(request, response);
});

server.listen(port, "127.0.0.1", () => console.log(`oidc test provider: ${issuer}`));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => server.close(() => process.exit(0)));
