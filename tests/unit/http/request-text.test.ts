import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseJsonText } from "@/lib/http/json-body";
import { checkParams, checkQuery, checkTarget, splitTarget } from "@/lib/http/request-text";

function refusal(run: () => unknown): { status: number; code: string; field?: string; message: string } | null {
  try {
    run();
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { status: error.status, code: error.code, field: error.field, message: error.message };
  }
}

describe("paths and queries no field may hold", () => {
  it.each([
    { target: "/api/v1/appliances/%ZZ", field: "id" },
    { target: "/api/v1/appliances/%ED%A0%80", field: "id" },
    { target: "/api/v1/appliances/%E0%A4%A", field: "id" },
    { target: "/api/v1/appliances/%C0%AF", field: "id" },
    { target: "/api/v1/appliances/%FF", field: "id" },
    { target: "/api/v1/appliances/%", field: "id" },
    { target: "/api/v1/appliances/%00", field: "id" },
    { target: "/api/v1/appliances/a%00b/poll", field: "id" },
    { target: "/api/v1/appliances/%0D%0Aset-cookie", field: "id" },
    { target: "/api/v1/test-transmissions/%ZZ/result", field: "id" },
    { target: "/api/v1/test-transmissions/bulk/%00", field: "bulkId" },
    { target: "/api/auth/%ZZ", field: "nextauth" },
    { target: "/appliances/%ZZ", field: "path" },
    { target: "/%00", field: "path" },
    { target: "/api/v1/appliances?q=%00", field: "q" },
    { target: "/api/v1/appliances?q=a%00", field: "q" },
    { target: "/api/v1/appliances?%00=x", field: "query" },
    { target: "/api/v1/appliances?q=%ZZ", field: "q" },
    { target: "/api/v1/appliances?q=%ED%A0%80", field: "q" },
    { target: "/?tenant=%E2%82", field: "tenant" },
    { target: "http://lifeline.example/api/v1/alerts/%00", field: "id" },
  ])("$target is a 400 naming $field", ({ target, field }) => {
    expect(refusal(() => checkTarget(target))).toMatchObject({ status: 400, field });
  });

  it.each([
    "/api/v1/appliances/zvm-ams-01",
    "/api/v1/appliances/zvm%20ams",
    "/api/v1/appliances/%E2%82%AC%F0%9F%98%80",
    "/api/v1/appliances?q=a+b&status=warning%2Ccritical",
    "/api/v1/appliances?q=&x",
    "/api/v1/appliances?q=%09tab",
    "/",
    "/signin?callbackUrl=%2Fappliances%2Fx",
  ])("%s passes", (target) => {
    expect(refusal(() => checkTarget(target))).toBeNull();
  });

  it("splits origin-form and absolute-form targets", () => {
    expect(splitTarget("/a/b?c=d#e")).toEqual({ path: "/a/b", query: "c=d" });
    expect(splitTarget("http://host:3000/a?c")).toEqual({ path: "/a", query: "c" });
    expect(splitTarget("http://host")).toEqual({ path: "/", query: "" });
  });

  it("names a query parameter only when its name is itself sound", () => {
    expect(refusal(() => checkQuery(`${"k".repeat(200)}=%00`))?.field).toBe("query");
  });

  it.each([
    [{ id: "a\u0000b" }, "id"],
    [{ id: "line\nbreak" }, "id"],
    [{ id: "\ud800" }, "id"],
    [{ nextauth: ["signin", "x\u0000"] }, "nextauth"],
  ])("route parameters %j are refused naming %s", (params, field) => {
    expect(refusal(() => checkParams(params))).toMatchObject({ status: 400, field });
  });
});

describe("JSON bodies with text that cannot be stored", () => {
  it.each([
    { raw: '{"name": "a\\u0000b"}', field: "name" },
    { raw: '{"tags": {"labels": ["ok", "x\\u0000"]}}', field: "tags.labels.1" },
    { raw: '{"q": "\\u0000"}', field: "q" },
    { raw: '{"reason": "\\ud800"}', field: "reason" },
    { raw: '{"detail": "x\\udc00y"}', field: "detail" },
    { raw: '{"detail": "\\udc00\\ud800"}', field: "detail" },
    { raw: '{"a\\u0000": 1}', field: "(key)" },
    { raw: '{"heartbeats": [{}, {"siteName\\ud800": 1}]}', field: "heartbeats.1.(key)" },
    { raw: '"\\u0000"', field: "body" },
    { raw: `${"[".repeat(5_000)}"\\u0000"${"]".repeat(5_000)}`, field: `${Array(5_000).fill("0").join(".")}` },
  ])("$raw is a 400 naming $field", ({ raw, field }) => {
    expect(refusal(() => parseJsonText(raw))).toMatchObject({ status: 400, code: "bad_text", field });
  });

  it.each([
    '{"name": "a\\\\u0000b"}',
    '{"emoji": "\\ud83d\\ude00"}',
    '{"name": "\\u00e9t\\u00e9"}',
    '{"n": 0, "list": [null, true, 1.5]}',
  ])("%s is taken", (raw) => {
    expect(refusal(() => parseJsonText(raw))).toBeNull();
  });

  it("walks a large body once, without recursion", () => {
    const wide = JSON.stringify({ items: Array.from({ length: 50_000 }, (_, i) => ({ name: `n${i}`, tags: ["a", "b"] })) }).replace("n49999", "n\\u0000");
    expect(refusal(() => parseJsonText(wide))).toMatchObject({ field: "items.49999.name" });
  });
});
