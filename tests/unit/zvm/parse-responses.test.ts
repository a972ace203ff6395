import { describe, expect, it } from "vitest";
import { ZvmError } from "@/lib/zvm";
import {
  errorMessageOf,
  parseAlerts,
  parseKeycloakToken,
  parseLicense,
  parseLocalSite,
  parseSendUsage,
  parseServerTime,
  parseVras,
} from "@/lib/zvm/parse-responses";

function collect() {
  const warnings: string[] = [];
  return { warnings, warn: (message: string) => warnings.push(message) };
}

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
  it("reads a Windows local site (PascalCase, identifier and link)", () => {
    const { warnings, warn } = collect();
    expect(
      parseLocalSite(
        {
          SiteIdentifier: "site-1",
          SiteName: "Amsterdam",
          Version: "7.0.0",
          SiteType: "VCenter",
          Link: { href: "https://zvm/v1/localsite", identifier: "site-1", rel: null, type: "LocalSiteApi" },
          UnknownField: [1, 2, 3],
        },
        warn,
      ),
    ).toEqual({ siteName: "Amsterdam", siteIdentifier: "site-1", version: "7.0.0", displayVersion: null, siteType: "VCenter" });
    expect(warnings).toEqual([]);
  });

  it("reads a Linux local site in the OpenAPI's camelCase, the identifier from its link", () => {
    const { warn } = collect();
    expect(
      parseLocalSite(
        {
          link: { rel: null, href: "https://zvm/v1/localsite", type: "LocalSiteApi", identifier: "site-2" },
          siteName: "Frankfurt",
          version: "10.0.60",
          displayVersion: "10.0 Update 6",
          siteType: "VCenter",
        },
        warn,
      ),
    ).toEqual({ siteName: "Frankfurt", siteIdentifier: "site-2", version: "10.0.60", displayVersion: "10.0 Update 6", siteType: "VCenter" });
  });

  it("matches keys in any case, the first spelling winning", () => {
    expect(parseLocalSite({ SITENAME: "x", sitename: "y" }, collect().warn)?.siteName).toBe("x");
  });

  it("reads a number where text is expected as text", () => {
    expect(parseLocalSite({ Version: 9.5 }, collect().warn)?.version).toBe("9.5");
  });

  it("ignores one odd field with a warning, keeping the others", () => {
    const { warnings, warn } = collect();
    const site = parseLocalSite({ SiteName: { nested: true }, SiteIdentifier: "s", Version: "10.0.60" }, warn);
    expect(site).toMatchObject({ siteName: null, siteIdentifier: "s", version: "10.0.60" });
    expect(warnings).toEqual([expect.stringContaining("localsite.SiteName")]);
  });

  it.each([
    ["an array", []],
    ["a string", "localsite"],
    ["null", null],
  ])("answers null with a warning for %s", (_name, json) => {
    const { warnings, warn } = collect();
    expect(parseLocalSite(json, warn)).toBeNull();
    expect(warnings).toHaveLength(1);
  });
});

describe("parseLicense", () => {
  it("reads both casings and parses the expiry", () => {
    const windows = parseLicense(
      {
        Details: { LicenseKey: "K", LicenseType: "Cloud", ExpiryTime: "/Date(1700000000000)/", MaxVms: 500 },
        Usage: { TotalVmsCount: 42, SitesUsage: [] },
      },
      collect().warn,
    );
    const linux = parseLicense(
      { details: { licenseType: "Cloud", expiryTime: "2023-11-14T22:13:20.000Z", maxVms: 500 }, usage: { totalVmsCount: 42 } },
      collect().warn,
    );
    for (const license of [windows, linux]) {
      expect(license).toEqual({ licenseType: "Cloud", licenseExpiry: new Date("2023-11-14T22:13:20Z"), maxVms: 500, totalVmsCount: 42 });
    }
  });

  it("treats missing parts and nulls as null, numeric text as numbers", () => {
    expect(parseLicense({ details: { maxVms: "25", LicenseType: null } }, collect().warn)).toEqual({
      licenseType: null,
      licenseExpiry: null,
      maxVms: 25,
      totalVmsCount: null,
    });
  });

  it.each([
    ["an empty licence type (Zerto's own example)", { Details: { LicenseType: "" } }, 0],
    [".NET's minimum date as 'no expiry'", { Details: { LicenseType: "Cloud", ExpiryTime: "0001-01-01T00:00:00" } }, 0],
    ["an unreadable expiry", { Details: { LicenseType: "Cloud", ExpiryTime: "someday" } }, 1],
    ["a numeric licence type", { Details: { LicenseType: 2 } }, 1],
    ["a null count", { Details: { LicenseType: "Cloud", MaxVms: null }, Usage: { TotalVmsCount: "many" } }, 1],
  ])("never fails on %s", (_name, json, warningCount) => {
    const { warnings, warn } = collect();
    const license = parseLicense(json, warn);
    expect(license).not.toBeNull();
    expect(license?.licenseExpiry).toBeNull();
    expect(warnings).toHaveLength(warningCount);
  });

  it("keeps the licence type when only the expiry is odd", () => {
    expect(parseLicense({ Details: { LicenseType: "CloudOneToMany", ExpiryTime: "someday" } }, collect().warn)?.licenseType).toBe("CloudOneToMany");
  });

  it("reads an answer without content (204) as no licence information", () => {
    const { warnings, warn } = collect();
    expect(parseLicense(undefined, warn)).toEqual({ licenseType: null, licenseExpiry: null, maxVms: null, totalVmsCount: null });
    expect(warnings).toHaveLength(1);
  });
});

describe("parseAlerts", () => {
  it("reads a Windows alert, its id from the link and its site from Site", () => {
    expect(
      parseAlerts(
        [
          {
            Level: "Warning",
            Entity: "License",
            HelpIdentifier: "LIC0012",
            Description: "did not send site usage information",
            TurnedOn: "2023-11-14T22:13:20",
            IsDismissed: false,
            Link: { identifier: "a-1", href: "https://zvm/v1/alerts/a-1", rel: null, type: "AlertApi" },
            Site: { identifier: "site-1", href: "https://zvm/v1/localsite", rel: null, type: "LocalSiteApi" },
            AffectedVpgs: [],
          },
        ],
        collect().warn,
      ),
    ).toEqual([
      {
        identifier: "a-1",
        level: "Warning",
        entity: "License",
        helpIdentifier: "LIC0012",
        description: "did not send site usage information",
        turnedOn: new Date("2023-11-14T22:13:20Z"),
        isDismissed: false,
        site: "site-1",
        siteType: "LocalSiteApi",
      },
    ]);
  });

  it("names numeric levels and entities as the SDK's enums do", () => {
    const [alert] = parseAlerts([{ link: { identifier: "a-2" }, level: 1, entity: 5, turnedOn: "/Date(1700000000000+0200)/" }], collect().warn);
    expect(alert).toMatchObject({ identifier: "a-2", level: "Error", entity: "License", turnedOn: new Date(1_700_000_000_000), site: null, siteType: null });
  });

  it("keeps a paired site's alert with its site, for the caller to leave out", () => {
    const [alert] = parseAlerts([{ HelpIdentifier: "LIC0012", Site: { identifier: "peer", type: "PeerSiteApi" } }], collect().warn);
    expect(alert).toMatchObject({ site: "peer", siteType: "PeerSiteApi" });
  });

  it.each([
    ["an unparseable TurnedOn", { HelpIdentifier: "VPG0010", TurnedOn: "not a time" }, { turnedOn: null }],
    ["IsDismissed as odd text", { HelpIdentifier: "VPG0010", IsDismissed: "no" }, { isDismissed: false }],
    ["an object for a description", { HelpIdentifier: "VPG0010", Description: { text: "x" } }, { description: null }],
  ])("reads an alert with %s, with a warning naming it", (_name, json, expected) => {
    const { warnings, warn } = collect();
    const [alert] = parseAlerts([json], warn);
    expect(alert).toMatchObject({ helpIdentifier: "VPG0010", ...expected });
    expect(warnings).toEqual([expect.stringContaining("VPG0010")]);
  });

  it("skips an item that is not an object, with a warning", () => {
    const { warnings, warn } = collect();
    expect(parseAlerts([42, { HelpIdentifier: "LIC0013" }], warn)).toHaveLength(1);
    expect(warnings).toHaveLength(1);
  });

  it("reads text booleans", () => {
    expect(parseAlerts([{ IsDismissed: "True" }], collect().warn)[0]?.isDismissed).toBe(true);
  });

  it.each([
    ["an object instead of a list", { alerts: [] }],
    ["nothing", undefined],
  ])("fails on %s: without the list nothing can be said about billing", (_name, json) => {
    badResponse(() => parseAlerts(json, collect().warn));
  });
});

describe("parseServerTime", () => {
  it.each([
    ["ISO", "2023-11-14T22:13:20.000Z"],
    ["ISO without offset", "2023-11-14T22:13:20"],
    ["ISO with seven fractional digits", "2023-11-14T22:13:20.0000000"],
    ["WCF", "/Date(1700000000000)/"],
    ["an object holding it", { ServerDateTimeUtc: "2023-11-14T22:13:20Z" }],
  ])("reads %s", (_name, json) => {
    expect(parseServerTime(json)).toEqual(new Date(1_700_000_000_000));
  });

  it.each([
    ["empty body", undefined],
    ["a number", 1_700_000_000_000],
    ["text", "noon"],
    [".NET's minimum date", "0001-01-01T00:00:00"],
  ])("rejects %s", (_name, json) => {
    badResponse(() => parseServerTime(json));
  });
});

describe("parseVras", () => {
  it("counts VRAs by install state, never as connection states", () => {
    const { warnings, warn } = collect();
    expect(
      parseVras(
        [{ Status: 0 }, { status: 0 }, { Status: 3 }, { Status: "Installed" }, { Status: "InstallationError" }, { Status: 9 }, { Status: 42 }],
        warn,
      ),
    ).toEqual({
      total: 7,
      states: { Installed: 3, Installing: 1, InstallationError: 1, HostInMaintenanceMode: 1, "Status 42": 1 },
    });
    expect(warnings).toEqual([]);
  });

  it("counts a VRA without a readable status as unknown, with a warning", () => {
    const { warnings, warn } = collect();
    expect(parseVras([{ Status: null }, { Status: 0 }], warn)).toEqual({ total: 2, states: { Unknown: 1, Installed: 1 } });
    expect(warnings).toHaveLength(1);
  });

  it("reads an empty list", () => {
    expect(parseVras([], collect().warn)).toEqual({ total: 0, states: {} });
  });

  it("answers null for a non-list, with a warning", () => {
    const { warnings, warn } = collect();
    expect(parseVras({ status: 0 }, warn)).toBeNull();
    expect(warnings).toHaveLength(1);
  });
});

describe("parseSendUsage", () => {
  it.each([
    [["Passed"], 200, "passed"],
    [["Failed"], 200, "failed"],
    ["passed", 200, "passed"],
    [undefined, 204, "passed"],
    [undefined, 200, "passed"],
    [["Maybe"], 200, "unrecognised"],
    [["Passed", "Failed"], 200, "unrecognised"],
    [{ Result: "Passed" }, 200, "passed"],
    [[{ status: "Failed" }], 200, "failed"],
    [{ result: true }, 200, "unrecognised"],
    [true, 200, "unrecognised"],
    [42, 200, "unrecognised"],
  ])("reads %j (HTTP %i) as %s", (json, status, result) => {
    expect(parseSendUsage(json, status).result).toBe(result);
  });

  it("says an empty success had no content", () => {
    expect(parseSendUsage(undefined, 204).detail).toContain("HTTP 204");
  });
});

describe("errorMessageOf", () => {
  it.each([
    ['{"Message":"Valid License is not provided "}', "Valid License is not provided"],
    ['{"error":"invalid_grant","error_description":"Invalid user credentials"}', "Invalid user credentials"],
    ['{"status":500,"error":"Internal Server Error"}', "Internal Server Error"],
    ["plain words", "plain words"],
    ["<html><body>proxy error</body></html>", null],
    ["", null],
  ])("reads %s", (body, expected) => {
    expect(errorMessageOf(Buffer.from(body))).toBe(expected);
  });
});

describe("parseKeycloakToken", () => {
  it("reads the token and its lifetime", () => {
    expect(parseKeycloakToken({ access_token: "abc", expires_in: 300, token_type: "Bearer" })).toEqual({ accessToken: "abc", expiresInSeconds: 300 });
  });

  it("rejects an answer without a token", () => {
    badResponse(() => parseKeycloakToken({ error: "invalid_grant" }));
  });
});
