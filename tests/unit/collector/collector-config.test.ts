import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CollectorConfigError, resolveCollectorConfig, type CollectorConfigInput } from "@/collector/collector-config";
import { generateCertificate } from "@/simulator/certificates";

const APPLIANCE = "0b6c3a4e-8f0e-4a39-9d7a-4c1f7c3f2a11";
let dir: string;
let sitePem: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "lifeline-collector-config-"));
  sitePem = (await generateCertificate("inspection.example.net")).cert;
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function config(extra: Partial<CollectorConfigInput> = {}): CollectorConfigInput {
  return {
    lifeline: { url: "https://lifeline.example.net/", token: { env: "LIFELINE_TOKEN" } },
    queue: { directory: "queue" },
    zvms: [{ applianceId: APPLIANCE, url: "https://zvm1.example.net:9669", username: "svc", password: { env: "ZVM_PASSWORD" } }],
    ...extra,
  };
}
const environment = { LIFELINE_TOKEN: "t0ken", ZVM_PASSWORD: "pw" };
const resolve = (input: unknown) => resolveCollectorConfig(input, { baseDir: dir, environment });
const file = (name: string, text: string, mode = 0o644) => {
  const at = path.join(dir, name);
  fs.writeFileSync(at, text, { mode });
  fs.chmodSync(at, mode);
  return name;
};
const probe = (extra: Record<string, unknown> = {}) => ({ billingProbe: { endpoints: ["billing.example.net:443"], ...extra } });

describe("the collector config", () => {
  it("resolves secrets, paths and defaults", () => {
    const resolved = resolve(config());
    expect(resolved).toMatchObject({
      lifeline: { url: "https://lifeline.example.net", token: "t0ken" },
      intervalSeconds: 60,
      queue: { directory: path.join(dir, "queue"), maxHeartbeats: 100_000 },
      zvms: [{ applianceId: APPLIANCE, name: "zvm1.example.net:9669", password: "pw", authScheme: "auto" }],
      billingProbe: null,
    });
  });

  it("checks billing endpoint certificates against the public CAs, plus the site's CA file", () => {
    const publicOnly = resolve(config(probe())).billingProbe!;
    expect(publicOnly.trustedCas).toEqual([...tls.rootCertificates]);
    const withSite = resolve(config(probe({ caFile: file("site-ca.pem", `# inspection proxy\n${sitePem}\n${sitePem}`) }))).billingProbe!;
    expect(withSite.trustedCas).toHaveLength(tls.rootCertificates.length + 2);
    expect(withSite.trustedCas.at(-1)).toBe(sitePem.trim());
  });

  it.each([
    { name: "a missing token variable", input: () => config({ lifeline: { url: "https://l.example.net", token: { env: "NOPE" } } }), error: /^lifeline\.token: environment variable NOPE is not set$/ },
    { name: "a password file others may read", input: () => config({ zvms: [{ applianceId: APPLIANCE, url: "https://z.example.net", username: "u", password: { file: file("pw-open", "pw", 0o644) } }] }), error: /^zvms\.0\.password: .* may be read by others \(mode 644\); run chmod 600 on it$/ },
    { name: "a proxy with credentials", input: () => config(probe({ proxy: "http://user:pw@proxy:3128" })), error: /^billingProbe\.proxy: must be http:\/\/host:port/ },
    { name: "a missing CA file", input: () => config(probe({ caFile: "nowhere.pem" })), error: /^billingProbe\.caFile: cannot read .*nowhere\.pem: ENOENT$/ },
    { name: "a CA file without a certificate", input: () => config(probe({ caFile: file("empty.pem", "not a certificate") })), error: /^billingProbe\.caFile: .*empty\.pem holds no PEM certificate$/ },
    { name: "a damaged certificate", input: () => config(probe({ caFile: file("bad.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n") })), error: /^billingProbe\.caFile: certificate 1 in .*bad\.pem cannot be read$/ },
    { name: "the same appliance twice", input: () => ({ ...config(), zvms: [config().zvms[0], config().zvms[0]] }), error: /^zvms\.1\.applianceId: appears twice$/ },
  ])("refuses $name with a message that names the field", ({ input, error }) => {
    expect(() => resolve(input())).toThrow(CollectorConfigError);
    expect(() => resolve(input())).toThrow(error);
  });
});
