import { expect, test, type Browser, type Page } from "@playwright/test";
import { VIEWPORT, addAppliance, adminPage } from "./helpers/noc";
import { unique } from "./fixtures";
import { simulatedFleet } from "./simulator";

// Single sign-on against a real OpenID provider on loopback (tests/e2e/oidc-provider.ts),
// which playwright.config.ts starts and points Lifeline at ("Example IdP").

const IDP = process.env.LIFELINE_E2E_OIDC_URL as string;

test.use({ viewport: VIEWPORT });

/** What the identity provider's admin does: adds a user, or changes their groups. */
async function setIdpAccount(page: Page, login: string, groups: string[]): Promise<{ email: string; password: string }> {
  const account = { login, password: `${login} idp password`, email: `${login}@idp.e2e.example.net`, name: `SSO ${login}`, groups };
  const response = await page.request.post(`${IDP}/_control/accounts`, { data: account });
  expect(response.status()).toBe(200);
  return account;
}

/** Clicks "Sign in with Example IdP" in a fresh browser and signs in at the provider's own form. */
async function signInThroughIdp(browser: Browser, login: string, password: string) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.goto("/signin");
  const toIdp = page.waitForRequest((request) => request.url().startsWith(`${IDP}/auth?`));
  await page.getByRole("button", { name: "Sign in with Example IdP" }).click();
  const authorization = new URL((await toIdp).url());
  await expect(page.getByRole("heading", { name: "Example IdP" })).toBeVisible();
  await page.getByLabel("Username").fill(login);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Continue" }).click();
  return { page, authorization, close: () => context.close() };
}

test("an operator signs in through the identity provider, gets operator buttons; removed from the group, they are refused", async ({
  page,
  browser,
}) => {
  const zvm = simulatedFleet()[2];
  await adminPage(page);
  const applianceId = await addAppliance(page.request, zvm, unique("zvm-sso"), unique("sso"));
  const login = unique("olga");
  const account = await setIdpAccount(page, login, ["staff", "lifeline-operators"]);

  const first = await signInThroughIdp(browser, login, account.password);
  // The authorization request carries PKCE (S256), state and nonce.
  const params = first.authorization.searchParams;
  expect(params.get("response_type")).toBe("code");
  expect(params.get("code_challenge_method")).toBe("S256");
  expect(params.get("code_challenge")).toMatch(/^[\w-]{43}$/);
  expect(params.get("state")).toMatch(/^[\w-]{20,}$/);
  expect(params.get("nonce")).toMatch(/^[\w-]{20,}$/);
  expect(params.get("scope")?.split(" ").sort()).toEqual(["email", "groups", "openid", "profile"]);

  const operator = first.page;
  await expect(operator.getByRole("heading", { name: "Fleet" })).toBeVisible();
  await expect(operator.getByTestId("signed-in-as")).toHaveText(`${account.email} · operator`);
  await operator.goto(`/appliances/${applianceId}`);
  await expect(operator.getByRole("button", { name: "Test usage transmission" })).toBeVisible();
  await expect(operator.getByRole("button", { name: "Poll now" })).toBeVisible();
  await expect(operator.getByRole("button", { name: "Trust the new certificate" })).toHaveCount(0);
  await expect(operator.getByRole("navigation").getByRole("link", { name: "Users" })).toHaveCount(0);
  await first.close();

  // The administrator sees the user single sign-on made, with the mapped role.
  await page.goto("/admin/users");
  await expect(page.getByRole("row", { name: new RegExp(account.email) })).toContainText("operator");

  await setIdpAccount(page, login, ["staff"]);
  const second = await signInThroughIdp(browser, login, account.password);
  await expect(second.page).toHaveURL(/\/signin\/refused\?reason=no-mapped-group$/);
  await expect(second.page.getByRole("heading", { name: "Your account has no access to Lifeline" })).toBeVisible();
  await expect(second.page.getByRole("main").getByRole("alert")).toContainText("not in any group that Lifeline maps to a role");
  await second.page.goto("/");
  await expect(second.page).toHaveURL(/\/signin/);
  await second.close();

  await page.goto("/admin/audit?action=sso.sign-in");
  await expect(page.getByRole("row", { name: new RegExp(`sso\\.sign-in.*denied`) }).filter({ hasText: account.email }).first()).toBeVisible();
});

test("the state check: the provider's answer with another state is refused, the same answer untouched signs in", async ({ page, browser }) => {
  await adminPage(page);
  const login = unique("vic");
  const account = await setIdpAccount(page, login, ["lifeline-viewers"]);
  const context = await browser.newContext();
  const viewer = await context.newPage();
  await viewer.goto("/signin");
  await viewer.getByRole("button", { name: "Sign in with Example IdP" }).click();
  await expect(viewer.getByRole("heading", { name: "Example IdP" })).toBeVisible();
  // Sign in at the provider by hand (the browser's cookies), and stop at its redirect back to Lifeline.
  const action = await viewer.locator("form").getAttribute("action");
  let answer = await context.request.post(`${IDP}${action}`, { form: { login, password: account.password }, maxRedirects: 0 });
  let location = answer.headers().location ?? "";
  for (let hop = 0; hop < 5 && !location.includes("/api/auth/callback/oidc"); hop += 1) {
    answer = await context.request.get(new URL(location, IDP).toString(), { maxRedirects: 0 });
    location = answer.headers().location ?? "";
  }
  const genuine = new URL(location);
  expect(genuine.searchParams.get("code")).toBeTruthy();

  const forged = new URL(genuine);
  forged.searchParams.set("state", `${genuine.searchParams.get("state")}x`);
  await viewer.goto(`${forged.pathname}${forged.search}`);
  await expect(viewer).toHaveURL(/\/signin\?.*error=OAuthCallback/);
  await expect(viewer.getByRole("main").getByRole("alert")).toContainText("Sign-in with Example IdP did not complete");

  await viewer.goto(`${genuine.pathname}${genuine.search}`);
  await expect(viewer.getByTestId("signed-in-as")).toHaveText(`${account.email} · viewer`);
  await context.close();
});
