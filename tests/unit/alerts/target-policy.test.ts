import { describe, expect, it } from "vitest";
import { AllowList, allowListEntrySchema, classifyAddress, refusalFor, targetUrlProblem } from "@/lib/channels/target-policy";

describe("server-side request forgery: which addresses are special", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["::1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.10", "private"],
    ["100.64.0.1", "private"],
    ["fd12:3456::1", "private"],
    ["169.254.169.254", "link-local"],
    ["fe80::1", "link-local"],
    ["0.0.0.0", "reserved"],
    ["224.0.0.1", "reserved"],
    ["::", "reserved"],
    ["not-an-address", "reserved"],
    ["172.32.0.1", null],
    ["8.8.8.8", null],
    ["52.1.2.3", null],
    ["2001:4860:4860::8888", null],
  ])("%s → %s", (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });
});

describe("the admin allow-list", () => {
  const allow = new AllowList(["127.0.0.1", "10.20.0.0/16", "hooks.corp.example", "*.internal.example", "fd00::/8"]);

  it.each([
    { host: "127.0.0.1", address: "127.0.0.1", refused: false },
    { host: "127.0.0.2", address: "127.0.0.2", refused: true },
    { host: "10.20.5.5", address: "10.20.5.5", refused: false },
    { host: "10.21.0.1", address: "10.21.0.1", refused: true },
    { host: "hooks.corp.example", address: "10.9.9.9", refused: false },
    { host: "HOOKS.corp.example.", address: "10.9.9.9", refused: false },
    { host: "a.internal.example", address: "192.168.0.4", refused: false },
    { host: "internal.example", address: "192.168.0.4", refused: true },
    { host: "evil.example", address: "169.254.169.254", refused: true },
    { host: "v6.example", address: "fd00::5", refused: false },
    { host: "public.example", address: "52.1.2.3", refused: false },
  ])("$host at $address refused: $refused", ({ host, address, refused }) => {
    expect(refusalFor(host, address, allow) !== null).toBe(refused);
  });

  it("says what was refused and how to allow it", () => {
    expect(refusalFor("localhost", "127.0.0.1", new AllowList([]))).toBe(
      "localhost (127.0.0.1) is a loopback address; an admin must allow-list it in the alerting settings",
    );
  });

  it.each([
    { entry: "127.0.0.1", valid: true },
    { entry: "10.0.0.0/8", valid: true },
    { entry: "fd00::/8", valid: true },
    { entry: "hooks.example.net", valid: true },
    { entry: "*.example.net", valid: true },
    { entry: "10.0.0.0/33", valid: false },
    { entry: "10.0.0.0/x", valid: false },
    { entry: "http://hooks.example.net", valid: false },
    { entry: "", valid: false },
  ])("allow-list entry $entry is valid: $valid", ({ entry, valid }) => {
    expect(allowListEntrySchema.safeParse(entry).success).toBe(valid);
  });
});

describe("channel target URLs", () => {
  it.each([
    { url: "https://hooks.slack.com/services/T/B/X", problem: null },
    { url: "http://127.0.0.1:8080/hook", problem: null },
    { url: "ftp://files.example.net/", problem: "must be an http:// or https:// URL" },
    { url: "https://user:pass@hooks.example.net/", problem: "must not contain a user name or password" },
    { url: "hooks.example.net/x", problem: "must be an absolute http:// or https:// URL" },
  ])("$url", ({ url, problem }) => {
    expect(targetUrlProblem(url)).toBe(problem);
  });
});
