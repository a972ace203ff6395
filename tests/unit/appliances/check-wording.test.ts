import { describe, expect, it } from "vitest";
import { signedInWords, trustQuestion } from "@/lib/appliances/check-wording";
import type { ZvmIdentity } from "@/lib/zvm";

const identity = (overrides: Partial<ZvmIdentity> = {}): ZvmIdentity => ({
  localSite: { siteName: "zvm01", siteIdentifier: "s-1", version: "10.0.60", displayVersion: "10.0 U6", siteType: null },
  license: { licenseType: "Cloud", licenseExpiry: null, maxVms: null, totalVmsCount: null },
  authScheme: "linux",
  observedFingerprint: null,
  ...overrides,
});

describe("what adding an appliance says", () => {
  it.each([
    { name: "everything read", kind: "zvm" as const, value: identity(), words: "signed in: zvm01, ZVM 10.0 U6, licence Cloud" },
    {
      name: "no display version",
      kind: "zvm" as const,
      value: identity({ localSite: { siteName: "ams", siteIdentifier: null, version: "9.7.10", displayVersion: null, siteType: null } }),
      words: "signed in: ams, ZVM 9.7.10, licence Cloud",
    },
    { name: "a ZCA", kind: "zca" as const, value: identity(), words: "signed in: zvm01, ZCA 10.0 U6, licence Cloud" },
    {
      name: "licence and site unreadable",
      kind: "zvm" as const,
      value: identity({ localSite: null, license: null }),
      words: "signed in: site name not read, ZVM version not read, licence not read",
    },
  ])("$name", ({ kind, value, words }) => {
    expect(signedInWords(kind, value)).toBe(words);
  });

  it("asks whether to trust an untrusted certificate, naming its fingerprint", () => {
    expect(trustQuestion("certificate is self-signed and not pinned", "AB:CD:EF")).toBe(
      "its certificate is self-signed and not pinned: fingerprint AB:CD:EF — trust it? Compare it with the certificate the ZVM shows, then pin it.",
    );
  });
});
