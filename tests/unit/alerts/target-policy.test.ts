import { describe, expect, it } from "vitest";
import { AllowList, allowListEntrySchema, classifyAddress, hostOf, refusalFor, targetUrlProblem } from "@/lib/channels/target-policy";

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

describe("server-side request forgery: IPv6 forms that embed an IPv4 address count as that address", () => {
  const none = new AllowList([]);
  const refusedTarget = (url: string) => {
    const host = hostOf(new URL(url));
    return refusalFor(host, host, none);
  };

  it.each([
    // IPv4-compatible (::a.b.c.d), as written and as the URL parser rewrites it
    ["http://[::127.0.0.1]/", "loopback"],
    ["http://[::7f00:1]/", "loopback"],
    ["http://[0:0:0:0:0:0:10.0.0.1]/", "private"],
    ["http://[::169.254.169.254]/", "link-local"],
    ["http://[::0.0.0.2]/", "reserved"],
    // IPv4-mapped and IPv4-translated
    ["http://[::ffff:127.0.0.1]/", "loopback"],
    ["http://[::ffff:7f00:1]/", "loopback"],
    ["http://[0:0:0:0:0:ffff:192.168.1.1]/", "private"],
    ["http://[::ffff:a9fe:a9fe]/", "link-local"],
    ["http://[::ffff:0:127.0.0.1]/", "loopback"],
    ["http://[::ffff:0:a00:1]/", "private"],
    // NAT64, well-known prefix 64:ff9b::/96
    ["http://[64:ff9b::127.0.0.1]/", "loopback"],
    ["http://[64:ff9b::7f00:1]/", "loopback"],
    ["http://[64:ff9b::a9fe:a9fe]/", "link-local"],
    ["http://[64:ff9b::c0a8:101]/", "private"],
    ["http://[64:ff9b::1:0:7f00:1]/", "reserved"],
    // NAT64, local-use prefix 64:ff9b:1::/48 (RFC 8215), in the /96 and /48 layouts
    ["http://[64:ff9b:1::7f00:1]/", "loopback"],
    ["http://[64:ff9b:1::a00:5]/", "private"],
    ["http://[64:ff9b:1:7f00:0:100::]/", "loopback"],
    ["http://[64:ff9b:1::]/", "reserved"],
    // 6to4 2002::/16
    ["http://[2002:7f00:1::1]/", "loopback"],
    ["http://[2002:7f00:0001:0000:0000:0000:0000:0001]/", "loopback"],
    ["http://[2002:a00:1::]/", "private"],
    ["http://[2002:a9fe:a9fe::1]/", "link-local"],
    ["http://[2002:c0a8:101:1::5]/", "private"],
    // Teredo 2001::/32: the client's address is stored inverted in the last 32 bits
    ["http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/", "loopback"],
    ["http://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/", "private"],
    ["http://[2001:0:a00:1:8000:63bf:f7f7:f7f7]/", "private"],
    // plain IPv6 and IPv4 specials, for contrast
    ["http://[::1]/", "loopback"],
    ["http://[::]/", "reserved"],
    ["http://[fd00::1]/", "private"],
    ["http://[fec0::1]/", "private"],
    ["http://[fe80::1]/", "link-local"],
    ["http://[2001:db8::1]/", "reserved"],
    ["http://[ff02::1]/", "reserved"],
    ["http://127.1/", "loopback"],
    ["http://2130706433/", "loopback"],
    ["http://0x7f.0.0.1/", "loopback"],
    ["http://0/", "reserved"],
    ["http://192.0.2.10/", "reserved"],
  ])("%s is refused as %s", (url, kind) => {
    expect(refusedTarget(url)).toMatch(new RegExp(`is an? ${kind} address`));
  });

  it.each([
    "http://[::ffff:8.8.8.8]/",
    "http://[64:ff9b::808:808]/",
    "http://[64:ff9b:1::808:808]/",
    "http://[2002:808:808::1]/",
    "http://[2001:0:4136:e378:8000:63bf:f7f7:f7f7]/",
    "http://[2001:4860:4860::8888]/",
    "http://8.8.8.8/",
  ])("%s embeds or is a public address and is allowed", (url) => {
    expect(refusedTarget(url)).toBeNull();
  });

  it("says which IPv4 address the IPv6 form stands for", () => {
    expect(refusedTarget("http://[64:ff9b::7f00:1]/")).toBe(
      "64:ff9b::7f00:1 is a loopback address (it stands for 127.0.0.1); an admin must allow-list it in the alerting settings",
    );
  });

  it("allows an embedded address an admin allow-listed", () => {
    const allow = new AllowList(["127.0.0.1", "10.1.0.0/16"]);
    expect(refusalFor("::ffff:7f00:1", "::ffff:7f00:1", allow)).toBeNull();
    expect(refusalFor("2002:a01:5::1", "2002:a01:5::1", allow)).toBeNull();
    expect(refusalFor("2002:a02:5::1", "2002:a02:5::1", allow)).not.toBeNull();
  });

  it("judges what a host name resolves to the same way at connect time", () => {
    expect(refusalFor("hooks.example.net", "64:ff9b::a00:1", none)).toBe(
      "hooks.example.net (64:ff9b::a00:1) is a private address (it stands for 10.0.0.1); an admin must allow-list it in the alerting settings",
    );
    expect(classifyAddress("2002:7f00:1::1")).toBe("loopback");
  });
});
