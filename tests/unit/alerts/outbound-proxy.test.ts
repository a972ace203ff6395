import { describe, expect, it } from "vitest";
import { bypassesProxy, parseNoProxy, parseOutboundProxy, proxyFor } from "@/lib/channels/outbound-proxy";
import { AllowList, nameRefusalFor } from "@/lib/channels/target-policy";
import { parseEnv } from "@/lib/env";

describe("HTTPS_PROXY", () => {
  it("reads host, port and credentials, and shows the proxy without them", () => {
    expect(parseOutboundProxy("http://proxy.example.net:3128", undefined)).toMatchObject({
      host: "proxy.example.net",
      port: 3128,
      authorization: null,
      display: "proxy.example.net:3128",
      noProxy: [],
    });
    const withUser = parseOutboundProxy("http://svc%40csp:p%3Ass@10.1.2.3:8080/", "");
    expect(withUser).toMatchObject({ host: "10.1.2.3", port: 8080, display: "10.1.2.3:8080" });
    expect(withUser?.authorization).toBe(`Basic ${Buffer.from("svc@csp:p:ss").toString("base64")}`);
    expect(parseOutboundProxy("proxy.example.net:3128", undefined)).toMatchObject({ host: "proxy.example.net", port: 3128 });
    expect(parseOutboundProxy("http://proxy", undefined)).toMatchObject({ port: 80 });
    expect(parseOutboundProxy(undefined, "*")).toBeNull();
    expect(parseOutboundProxy("  ", undefined)).toBeNull();
  });

  it.each([
    ["https://proxy:3128", /must be an http:\/\/ proxy URL/],
    ["socks5://proxy:1080", /must be an http:\/\/ proxy URL/],
    ["http://proxy:3128/path", /no path or query/],
    ["http://proxy:99999", /must be the proxy's URL/],
  ])("refuses %s", (value, message) => {
    expect(() => parseOutboundProxy(value, undefined)).toThrow(message);
  });

  it("stops start-up with one line naming the setting, without echoing credentials", () => {
    expect(() => parseEnv({ HTTPS_PROXY: "https://user:secret@proxy:3128" })).toThrow(
      /^Invalid setting HTTPS_PROXY: must be an http:\/\/ proxy URL[^"]*$/,
    );
    expect(() => parseEnv({ HTTPS_PROXY: "http://proxy:3128", NO_PROXY: "10.0.0.0/40" })).toThrow(/^Invalid setting NO_PROXY: entry "10\.0\.0\.0\/40" has a bad prefix length/);
    expect(() => parseEnv({ https_proxy: "ftp://proxy" })).toThrow(/^Invalid setting https_proxy: /);
    expect(parseEnv({ https_proxy: "http://lower:3128", no_proxy: ".corp.example" }).outboundProxy).toMatchObject({ host: "lower", noProxy: [{ kind: "name", name: "corp.example" }] });
    expect(parseEnv({ HTTPS_PROXY: "http://upper:3128", https_proxy: "http://lower:3128" }).outboundProxy).toMatchObject({ host: "upper" });
    expect(parseEnv({}).outboundProxy).toBeNull();
  });
});

describe("NO_PROXY matching", () => {
  const rules = parseNoProxy("internal.example.net, .corp.example , *.lab.example,10.0.0.0/8 192.168.1.7 [fd00::1] hooks.example.net:8443 ::1");
  it.each([
    ["internal.example.net", 443, true],
    ["a.internal.example.net", 443, true],
    ["xinternal.example.net", 443, false],
    ["corp.example", 443, true],
    ["deep.host.corp.example", 80, true],
    ["host.lab.example", 443, true],
    ["10.20.30.40", 443, true],
    ["11.0.0.1", 443, false],
    ["192.168.1.7", 80, true],
    ["192.168.1.8", 80, false],
    ["fd00::1", 443, true],
    ["::1", 443, true],
    ["hooks.example.net", 8443, true],
    ["hooks.example.net", 443, false],
    ["hooks.slack.com", 443, false],
    ["INTERNAL.EXAMPLE.NET.", 443, true],
    // A name is not resolved: an address range does not match a name that points into it.
    ["ten.example.org", 443, false],
  ])("%s:%i bypasses the proxy: %s", (host, port, expected) => {
    expect(bypassesProxy(rules, host, port)).toBe(expected);
  });

  it("'*' sends everything direct; an empty list sends everything through the proxy", () => {
    expect(bypassesProxy(parseNoProxy("*"), "hooks.slack.com", 443)).toBe(true);
    expect(bypassesProxy(parseNoProxy(""), "hooks.slack.com", 443)).toBe(false);
  });

  it("refuses entries that are neither names nor addresses", () => {
    expect(() => parseNoProxy("exa mple, bad/name")).toThrow(/NO_PROXY entry "bad\/name"/);
    expect(() => parseNoProxy("10.0.0.0/33")).toThrow(/bad prefix length/);
  });

  it("picks the proxy by the URL's host and default port", () => {
    const proxy = parseOutboundProxy("http://proxy:3128", "events.pagerduty.com:8080,localhost")!;
    expect(proxyFor(proxy, new URL("https://events.pagerduty.com/v2/enqueue"))).toBe(proxy);
    expect(proxyFor(proxy, new URL("http://events.pagerduty.com:8080/x"))).toBeNull();
    expect(proxyFor(proxy, new URL("http://localhost:9000/x"))).toBeNull();
    expect(proxyFor(null, new URL("https://hooks.slack.com/services/x"))).toBeNull();
  });
});

describe("the SSRF guard by name, when the proxy resolves", () => {
  const none = new AllowList([]);
  it.each([
    ["hooks.slack.com", null],
    ["events.pagerduty.com", null],
    ["outlook.office.com", null],
    ["localhost", /single-label name/],
    ["intranet", /single-label name/],
    ["api.localhost", /under \.localhost/],
    ["nas.local", /under \.local/],
    ["grafana.internal", /under \.internal/],
    ["router.home.arpa", /under \.home\.arpa/],
    ["127.0.0.1", /loopback address/],
    ["169.254.169.254", /link-local address/],
    ["::ffff:10.0.0.1", /private address/],
    ["8.8.8.8", null],
  ])("%s", (host, refused) => {
    const answer = nameRefusalFor(host, none);
    if (refused === null) expect(answer).toBeNull();
    else expect(answer).toMatch(refused);
  });

  it("lets an admin allow-list a name or an address", () => {
    const allow = new AllowList(["hooks.internal", "127.0.0.1"]);
    expect(nameRefusalFor("hooks.internal", allow)).toBeNull();
    expect(nameRefusalFor("127.0.0.1", allow)).toBeNull();
    expect(nameRefusalFor("other.internal", allow)).toMatch(/under \.internal/);
  });
});
