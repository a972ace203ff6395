import { describe, expect, it } from "vitest";
import { ZvmError } from "@/lib/zvm";
import {
  parseAlerts,
  parseKeycloakToken,
  parseLicense,
  parseLocalSite,
  parseSendUsage,
  parseServerTime,
  parseVras,
} from "@/lib/zvm/parse-responses";

function badResponse(run: () => unknown): ZvmError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ZvmError);
    expect((error as ZvmError).reason).toBe("bad-response");
    return error as ZvmError;
  }
  throw new Error("expected a bad-response ZvmError");
}

describe("parseLocalSite", () => {
  it("reads a Windows (PascalCase) local site", () => {
    expect(
      parseLocalSite({
        SiteIdentifier: "site-1",
        SiteName: "Amsterdam",
        Version: "9.7.10",
        SiteType: "VCenter",
        Link: { href: "https://zvm/v1/localsite", identifier: "ignored" },
        UnknownField: [1, 2, 3],
      }),
    ).toEqual({
      siteName: "Amsterdam",
      siteIdentifier: "site-1",
      version: "9.7.10",
      displayVersion: null,
      siteType: "VCenter",
    });
  });

  it("reads a Linux (camelCase) local site, the identifier from its link", () => {
    expect(
      parseLocalSite({
        link: { rel: null, href: "https://zvm/v1/localsite", type: "LocalSiteApi", identifier: "site-2" },
        siteName: "Frankfurt",
        version: "10.0.60",
        displayVersion: "10.0 Update 6",
        siteType: "VCenter",
        platformInformation: { vCenter: {} },
      }),
    ).toEqual({
      siteName: "Frankfurt",
      siteIdentifier: "site-2",
      version: "10.0.60",
      displayVersion: "10.0 Update 6",
      siteType: "VCenter",
    });
  });

  it("matches keys in any case", () => {
    expect(parseLocalSite({ SITENAME: "x", sitename: "y" }).siteName).toBe("x");
  });

  it("accepts an empty object (every field optional)", () => {
    expect(parseLocalSite({}).siteName).toBeNull();
  });

  it.each([
    ["an array", []],
    ["a string", "localsite"],
    ["null", null],
    ["a wrong field type", { SiteName: { nested: true } }],
  ])("rejects %s", (_name, json) => {
    badResponse(() => parseLocalSite(json));
  });
});

describe("parseLicense", () => {
  it("reads both casings and parses the expiry", () => {
    const windows = parseLicense({
      Details: { LicenseKey: "K", LicenseType: "Cloud", ExpiryTime: "/Date(1700000000000)/", MaxVms: 500 },
      Usage: { TotalVmsCount: 42, SitesUsage: [] },
    });
    const linux = parseLicense({
      details: { licenseType: "Cloud", expiryTime: "2023-11-14T22:13:20Z", maxVms: 500 },
      usage: { totalVmsCount: 42 },
    });
    for (const license of [windows, linux]) {
      expect(license).toEqual({
        licenseType: "Cloud",
        licenseExpiry: new Date("2023-11-14T22:13:20Z"),
        maxVms: 500,
        totalVmsCount: 42,
      });
    }
  });

  it("treats missing parts as null and numeric strings as numbers", () => {
    expect(parseLicense({ details: { maxVms: "25" } })).toEqual({
      licenseType: null,
      licenseExpiry: null,
      maxVms: 25,
      totalVmsCount: null,
    });
  });

  it("rejects an unparseable expiry", () => {
    expect(badResponse(() => parseLicense({ details: { expiryTime: "someday" } })).message).toContain("license");
  });
});

describe("parseAlerts", () => {
  it("reads a Windows alert", () => {
    expect(
      parseAlerts([
        {
          AlertIdentifier: "a-1",
          Level: "Warning",
          Entity: "Zvm",
          HelpIdentifier: "LIC0011",
          Description: "did not send site usage information",
          TurnedOn: "2023-11-14T22:13:20",
          IsDismissed: false,
          Site: { Identifier: "site-1", Href: "https://zvm/v1/peersites/site-1" },
        },
      ]),
    ).toEqual([
      {
        identifier: "a-1",
        level: "Warning",
        entity: "Zvm",
        helpIdentifier: "LIC0011",
        description: "did not send site usage information",
        turnedOn: new Date("2023-11-14T22:13:20Z"),
        isDismissed: false,
        site: "site-1",
      },
    ]);
  });

  it("reads a Linux alert with its identifier in the link and defaults", () => {
    const [alert] = parseAlerts([
      { link: { identifier: "a-2" }, level: 1, entity: "Vra", turnedOn: "/Date(1700000000000+0200)/", affectedVpgs: [] },
    ]);
    expect(alert).toEqual({
      identifier: "a-2",
      level: "1",
      entity: "Vra",
      helpIdentifier: null,
      description: null,
      turnedOn: new Date(1_700_000_000_000),
      isDismissed: false,
      site: null,
    });
  });

  it.each([
    ["an object instead of a list", { alerts: [] }],
    ["an unparseable turnedOn", [{ turnedOn: "not a time" }]],
    ["isDismissed as text", [{ isDismissed: "no" }]],
  ])("rejects %s", (_name, json) => {
    badResponse(() => parseAlerts(json));
  });
});

describe("parseServerTime", () => {
  it.each([
    ["ISO", "2023-11-14T22:13:20.000Z"],
    ["ISO without offset", "2023-11-14T22:13:20"],
    ["WCF", "/Date(1700000000000)/"],
  ])("reads %s", (_name, json) => {
    expect(parseServerTime(json)).toEqual(new Date(1_700_000_000_000));
  });

  it.each([
    ["empty body", undefined],
    ["a number", 1_700_000_000_000],
    ["text", "noon"],
  ])("rejects %s", (_name, json) => {
    badResponse(() => parseServerTime(json));
  });
});

describe("parseVras", () => {
  it("counts every VRA not in state Installed as not connected", () => {
    expect(
      parseVras([{ Status: 0 }, { status: 0 }, { status: 10 }, { status: "Installed" }, { status: "InstallationError" }]),
    ).toEqual({ total: 5, notConnected: 2 });
  });

  it("reads an empty list", () => {
    expect(parseVras([])).toEqual({ total: 0, notConnected: 0 });
  });

  it("rejects a non-list", () => {
    badResponse(() => parseVras({ status: 0 }));
  });
});

describe("parseSendUsage", () => {
  it.each([
    [["Passed"], { result: "passed", detail: "Passed" }],
    [["Failed"], { result: "failed", detail: "Failed" }],
    ["passed", { result: "passed", detail: "passed" }],
    [undefined, { result: "passed", detail: "accepted" }],
  ])("reads %j", (json, expected) => {
    expect(parseSendUsage(json)).toEqual(expected);
  });

  it.each([[["Maybe"]], [["Passed", "Failed"]], [{ result: "Passed" }], [42]])("rejects %j", (json) => {
    badResponse(() => parseSendUsage(json));
  });
});

describe("parseKeycloakToken", () => {
  it("reads the token and its lifetime", () => {
    expect(parseKeycloakToken({ access_token: "abc", expires_in: 300, token_type: "Bearer" })).toEqual({
      accessToken: "abc",
      expiresInSeconds: 300,
    });
  });

  it("rejects an answer without a token", () => {
    badResponse(() => parseKeycloakToken({ error: "invalid_grant" }));
  });
});
