import net from "node:net";
import { expect, test } from "@playwright/test";
import { ROUTES } from "../../lib/http/route-table";
import { ADMIN, signIn, unique } from "./fixtures";

// The production server (`npm start`: Next.js behind scripts/server.mjs) as a
// hostile client meets it: request lines written byte for byte on a socket, so
// nothing between the test and the server cleans them up first. Every route,
// pages included, answers with a 4xx (or a success), never a 5xx.

const PORT = 3210;

interface Raw {
  status: number;
  allow: string | null;
  body: string;
}

function raw(method: string, target: string, headers: Record<string, string> = {}, body = ""): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(PORT, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.setTimeout(30_000, () => socket.destroy(new Error(`no answer to ${method} ${target}`)));
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const head = text.slice(0, text.indexOf("\r\n\r\n"));
      resolve({ status: Number(head.split(" ")[1]), allow: /^allow: (.*)$/im.exec(head)?.[1] ?? null, body: text.slice(head.length + 4) });
    });
    const lines = [`${method} ${target} HTTP/1.1`, `host: 127.0.0.1:${PORT}`, "connection: close", `content-length: ${Buffer.byteLength(body)}`];
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    socket.end(`${lines.join("\r\n")}\r\n\r\n${body}`);
  });
}

const PAGES = ["/", "/wall", "/compliance", "/migration", "/alerts", "/signin", "/setup", "/admin/users", "/admin/settings", "/appliances/x"];
const SEGMENTS = ["%ZZ", "%ED%A0%80", "%00", "a%00b", "%0D%0A", "%C0%AF"];
const QUERIES = ["q=%00", "q=%ZZ", "status=%ED%A0%80", "tenant=a%00"];
const BODIES = ['{"name": "a\\u0000"}', '{"tags": {"labels": ["\\u0000"]}}', '{"q": "\\u0000"}', '{"reason": "\\ud800"}', '{"detail": "x\\u0000"}', "null", "[]"];

test("hostile request lines and bodies get 4xx answers from every route, pages included, never a 5xx", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto("/admin/tokens");
  const createForm = page.locator("section", { has: page.getByRole("heading", { name: "Create a token" }) });
  await createForm.getByLabel("Name").fill(unique("hostile"));
  await createForm.getByLabel("Role").selectOption("admin");
  await createForm.getByRole("button", { name: "Create token" }).click();
  const token = (await createForm.getByTestId("new-secret").textContent())?.trim() ?? "";
  const auth = { authorization: `Bearer ${token}` };

  const failures: string[] = [];
  let sent = 0;
  const check = async (method: string, target: string, headers: Record<string, string> = {}, body = "") => {
    const answer = await raw(method, target, headers, body);
    sent += 1;
    if (!(answer.status >= 200 && answer.status < 500)) failures.push(`${method} ${target.slice(0, 80)}: ${answer.status} ${answer.body.slice(0, 120)}`);
    return answer;
  };

  const fill = (path: string, value: string) => path.replace(/\[(?:\.\.\.)?\w+\]/g, value);
  for (const route of ROUTES) {
    const path = fill(route.path, "4e5e1f7c-32c1-4a8e-9b0e-7d9d2c6b1a11");
    for (const method of ["TRACE", "PROPFIND", "CONNECT", "PUT", "DELETE", "PATCH"]) {
      if (route.methods.includes(method as never)) continue;
      const answer = await check(method, path, auth);
      expect([answer.status, Boolean(answer.allow)], `${method} ${route.path}`).toEqual([405, true]);
    }
    for (const segment of route.path.includes("[") ? SEGMENTS : []) {
      for (const method of route.methods) await check(method, fill(route.path, segment), { ...auth, "content-type": "application/json" }, method === "GET" ? "" : "{}");
    }
    for (const query of QUERIES) if (route.methods.includes("GET")) await check("GET", `${path}?${query}`, auth);
    // The billing-day bulk test reads no body and would queue real test transmissions.
    if (route.path === "/api/v1/compliance/billing-day/test-transmissions") continue;
    for (const method of route.methods.filter((name) => name !== "GET")) {
      for (const body of BODIES) await check(method, path, { ...auth, "content-type": "application/json" }, body);
    }
  }
  for (const pagePath of PAGES) {
    for (const method of ["TRACE", "PROPFIND", "PUT", "DELETE"]) {
      const answer = await check(method, pagePath);
      expect([answer.status, answer.allow], `${method} ${pagePath}`).toEqual([405, "GET, HEAD, OPTIONS, POST"]);
    }
    for (const query of QUERIES) await check("GET", `${pagePath}?${query}`);
  }
  for (const target of ["/%ZZ", "/%00", "/appliances/%ED%A0%80", "/api/v1/nothing", "/api/v1/%ZZ/x"]) {
    await check("GET", target);
    await check("TRACE", target);
  }
  console.info(`hostile requests to the production server: ${sent}, 5xx: ${failures.length}`);
  expect(failures).toEqual([]);
});
