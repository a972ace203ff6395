import { describe, expect, it } from "vitest";
import { capturedExchange, parseCapture, redactBody, redactHeaders, REDACTED, shiftTimes } from "@/lib/zvm/capture";
import { retryDelayMs } from "@/lib/zvm/http";

describe("capture redaction", () => {
  it("never keeps a credential, token, session or licence key", () => {
    const body = redactBody(
      JSON.stringify({
        access_token: "eyJ.secret",
        refresh_token: "r",
        session_state: "s",
        Details: { LicenseKey: "ABCD-1234", LicenseType: "Cloud" },
        nested: [{ client_secret: "x", password: "p" }],
      }),
    );
    expect(body).not.toMatch(/eyJ|ABCD-1234|"r"|"s"|"x"|"p"/);
    expect(JSON.parse(body)).toMatchObject({ access_token: REDACTED, Details: { LicenseKey: REDACTED, LicenseType: "Cloud" } });
    expect(redactHeaders({ "X-Zerto-Session": "guid", Authorization: "Bearer t", "set-cookie": ["a=b"], "content-type": "application/json" })).toEqual({
      "x-zerto-session": REDACTED,
      authorization: REDACTED,
      "content-type": "application/json",
    });
  });

  it("keeps text that is not JSON, and paths relative to the ZVM's base", () => {
    expect(redactBody("<html>busy</html>")).toBe("<html>busy</html>");
    const exchange = capturedExchange({ method: "GET", path: "/zvm/7/v1/alerts?x=1", status: 200, headers: {}, body: Buffer.from("[]") }, "/zvm/7");
    expect(exchange).toEqual({ method: "GET", path: "/v1/alerts?x=1", status: 200, headers: {}, body: "[]" });
  });

  it.each([
    ["not an object", []],
    ["a wrong format", { format: "other", capturedAt: "2026-01-01T00:00:00Z", exchanges: [{}] }],
    ["no exchanges", { format: "lifeline-zvm-capture/1", capturedAt: "2026-01-01T00:00:00Z", exchanges: [] }],
    ["a path without /", { format: "lifeline-zvm-capture/1", capturedAt: "2026-01-01T00:00:00Z", exchanges: [{ method: "GET", path: "v1", status: 200, body: "" }] }],
  ])("refuses a file that is %s, naming it", (_name, json) => {
    expect(() => parseCapture(json, "x.json")).toThrow(/^x\.json: /);
  });
});

describe("shiftTimes", () => {
  const day = 86_400_000;
  it.each([
    ['"2026-11-20T12:00:00.000Z"', '"2026-11-21T12:00:00.000Z"'],
    ['"2026-11-20T12:00:00"', '"2026-11-21T12:00:00"'],
    ['"2026-11-20T12:00:00.1234567"', '"2026-11-21T12:00:00.1230000"'],
    ['"2026-11-20T14:00:00+02:00"', '"2026-11-21T14:00:00+02:00"'],
    ['"\\/Date(1763640000000+0100)\\/"', '"\\/Date(1763726400000+0100)\\/"'],
    ['"/Date(1763640000000)/"', '"/Date(1763726400000)/"'],
    ['"0001-01-01T00:00:00"', '"0001-01-01T00:00:00"'],
    ['"no time here"', '"no time here"'],
  ])("%s moves by a day to %s", (input, output) => {
    expect(shiftTimes(input, day)).toBe(output);
  });
});

describe("retryDelayMs", () => {
  const now = Date.parse("2026-11-20T12:00:00Z");
  it.each([
    [undefined, 250],
    ["0", 0],
    ["1", 1_000],
    ["2.5", 2_500],
    ["120", 5_000],
    ["Fri, 20 Nov 2026 12:00:03 GMT", 3_000],
    ["Fri, 20 Nov 2026 11:00:00 GMT", 0],
    ["soon", 250],
  ])("Retry-After %s → %i ms", (header, ms) => {
    expect(retryDelayMs(header, now)).toBe(ms);
  });
});
