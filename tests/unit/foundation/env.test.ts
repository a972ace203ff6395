import path from "node:path";
import { describe, expect, it } from "vitest";
import { oidcConfigOf } from "@/lib/auth/oidc-config";
import { EnvError, parseEnv } from "@/lib/env";

const HEX_KEY = "0123456789abcdef".repeat(4);
const BASE64_KEY = Buffer.alloc(32, 7).toString("base64");

function envErrorOf(source: Record<string, string | undefined>): EnvError {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error;
    throw error;
  }
  throw new Error("parseEnv accepted the settings");
}

describe("parseEnv", () => {
  it("fills in defaults for a bare environment: embedded database in ./data, port 3000, worker in process", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      NODE_ENV: "development",
      PORT: 3000,
      HOSTNAME: "0.0.0.0",
      LIFELINE_WORKER: "auto",
      LOG_LEVEL: "info",
      dataDir: path.resolve("./data"),
      embedded: true,
      runWorkerInProcess: true,
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.LIFELINE_SECRET_KEY).toBeUndefined();
  });

  it("treats empty values as unset", () => {
    const env = parseEnv({ PORT: "", DATABASE_URL: "", LIFELINE_SECRET_KEY: "", LOG_LEVEL: "" });
    expect(env).toMatchObject({ PORT: 3000, embedded: true, LOG_LEVEL: "info" });
  });

  it.each<{ name: string; source: Record<string, string>; expected: Record<string, unknown> }>([
    { name: "a port", source: { PORT: "8443" }, expected: { PORT: 8443 } },
    { name: "the lowest port", source: { PORT: "1" }, expected: { PORT: 1 } },
    { name: "the highest port", source: { PORT: "65535" }, expected: { PORT: 65535 } },
    {
      name: "a postgres:// URL",
      source: { DATABASE_URL: "postgres://lifeline:pw@db.example.net:5432/lifeline" },
      expected: { embedded: false, DATABASE_URL: "postgres://lifeline:pw@db.example.net:5432/lifeline" },
    },
    {
      name: "a postgresql:// URL",
      source: { DATABASE_URL: "postgresql://127.0.0.1/lifeline" },
      expected: { embedded: false },
    },
    { name: "a hex key", source: { LIFELINE_SECRET_KEY: HEX_KEY }, expected: { LIFELINE_SECRET_KEY: HEX_KEY } },
    { name: "a base64 key", source: { LIFELINE_SECRET_KEY: BASE64_KEY }, expected: { LIFELINE_SECRET_KEY: BASE64_KEY } },
    { name: "a relative data directory", source: { LIFELINE_DATA_DIR: "var/ll" }, expected: { dataDir: path.resolve("var/ll") } },
    { name: "the worker switched off", source: { LIFELINE_WORKER: "off" }, expected: { runWorkerInProcess: false } },
    { name: "a log level", source: { LOG_LEVEL: "warn" }, expected: { LOG_LEVEL: "warn" } },
  ])("accepts $name", ({ source, expected }) => {
    expect(parseEnv(source)).toMatchObject(expected);
  });

  it.each<{ setting: string; value: string; says: RegExp; echoed: boolean }>([
    { setting: "PORT", value: "abc", says: /must be a number/, echoed: true },
    { setting: "PORT", value: "70000", says: /between 1 and 65535/, echoed: true },
    { setting: "PORT", value: "0", says: /between 1 and 65535/, echoed: true },
    { setting: "PORT", value: "80.5", says: /whole number/, echoed: true },
    { setting: "DATABASE_URL", value: "not a url", says: /postgres:\/\//, echoed: false },
    { setting: "DATABASE_URL", value: "mysql://root:hunter2@db.example.net/lifeline", says: /postgres:\/\//, echoed: false },
    { setting: "DATABASE_URL", value: "postgres://lifeline:hunter2@/lifeline", says: /with a host/, echoed: false },
    { setting: "LIFELINE_SECRET_KEY", value: "my-secret-passphrase", says: /32 bytes/, echoed: false },
    { setting: "LIFELINE_SECRET_KEY", value: HEX_KEY.slice(2), says: /32 bytes/, echoed: false },
    { setting: "NEXTAUTH_SECRET", value: "too-short-session-secret", says: /at least 32/, echoed: false },
    { setting: "NEXTAUTH_URL", value: "lifeline.example.net", says: /absolute URL/, echoed: true },
    { setting: "LIFELINE_WORKER", value: "sometimes", says: /auto, in-process or off/, echoed: true },
    { setting: "LOG_LEVEL", value: "loud", says: /one of fatal, error, warn/, echoed: true },
  ])("refuses $setting=$value with one line that names it", ({ setting, value, says, echoed }) => {
    const error = envErrorOf({ [setting]: value });
    expect(error.message).toMatch(new RegExp(`^Invalid setting ${setting}: `));
    expect(error.message).toMatch(says);
    expect(error.message).not.toContain("\n");
    if (echoed) expect(error.message).toContain(`(got "${value}")`);
    else expect(error.message).not.toContain(value);
  });

  const SSO = {
    LIFELINE_OIDC_ISSUER: "https://login.microsoftonline.com/7d0c2f1b/v2.0/",
    LIFELINE_OIDC_CLIENT_ID: "lifeline",
    LIFELINE_OIDC_CLIENT_SECRET: "client-secret-hunter2",
    LIFELINE_OIDC_OPERATOR_GROUPS: "noc-ops, noc-leads ,",
  };

  it("reads single sign-on: defaults, group lists, and the issuer without its trailing slash", () => {
    const env = parseEnv({ ...SSO, LIFELINE_OIDC_NAME: "Entra ID", LIFELINE_LOCAL_SIGNIN: "admins" });
    expect(oidcConfigOf(env)).toEqual({
      issuer: "https://login.microsoftonline.com/7d0c2f1b/v2.0",
      clientId: "lifeline",
      clientSecret: "client-secret-hunter2",
      name: "Entra ID",
      scopes: "openid email profile",
      groupsClaim: "groups",
      groups: { viewer: [], operator: ["noc-ops", "noc-leads"], admin: [] },
    });
    expect(env.LIFELINE_LOCAL_SIGNIN).toBe("admins");
    expect(oidcConfigOf(parseEnv({}))).toBeNull();
    expect(parseEnv({}).LIFELINE_METRICS).toBe("token");
  });

  it.each<{ name: string; source: Record<string, string>; setting: string; says: RegExp }>([
    { name: "an issuer without a client", source: { LIFELINE_OIDC_ISSUER: SSO.LIFELINE_OIDC_ISSUER }, setting: "LIFELINE_OIDC_CLIENT_ID", says: /required for single sign-on/ },
    { name: "a client without a secret", source: { ...SSO, LIFELINE_OIDC_CLIENT_SECRET: "" }, setting: "LIFELINE_OIDC_CLIENT_SECRET", says: /required/ },
    { name: "no group mapped", source: { ...SSO, LIFELINE_OIDC_OPERATOR_GROUPS: " , " }, setting: "LIFELINE_OIDC_VIEWER_GROUPS", says: /nobody could sign in/ },
    { name: "a plain-http issuer", source: { ...SSO, LIFELINE_OIDC_ISSUER: "http://idp.example.net" }, setting: "LIFELINE_OIDC_ISSUER", says: /https:\/\// },
    { name: "scopes without openid", source: { ...SSO, LIFELINE_OIDC_SCOPES: "email profile" }, setting: "LIFELINE_OIDC_SCOPES", says: /must include openid/ },
    { name: "passwords for admins only with no single sign-on", source: { LIFELINE_LOCAL_SIGNIN: "admins" }, setting: "LIFELINE_LOCAL_SIGNIN", says: /needs single sign-on/ },
    { name: "an unknown local sign-in mode", source: { LIFELINE_LOCAL_SIGNIN: "none" }, setting: "LIFELINE_LOCAL_SIGNIN", says: /all or admins/ },
    { name: "an unknown metrics mode", source: { LIFELINE_METRICS: "public" }, setting: "LIFELINE_METRICS", says: /token or off/ },
  ])("refuses $name", ({ source, setting, says }) => {
    const error = envErrorOf(source);
    expect(error.message).toMatch(new RegExp(`^Invalid setting ${setting}: `));
    expect(error.message).toMatch(says);
    expect(error.message).not.toContain("hunter2");
  });

  it("allows plain http for an issuer on loopback (a provider beside the tests)", () => {
    expect(parseEnv({ ...SSO, LIFELINE_OIDC_ISSUER: "http://127.0.0.1:3212" }).LIFELINE_OIDC_ISSUER).toBe("http://127.0.0.1:3212");
  });

  it("never echoes a secret, even a part of it", () => {
    const error = envErrorOf({ LIFELINE_SECRET_KEY: "hunter2hunter2hunter2", DATABASE_URL: "mysql://u:hunter2@h/d" });
    expect(error.message).not.toMatch(/hunter2/);
  });
});
