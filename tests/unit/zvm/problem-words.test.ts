import { describe, expect, it } from "vitest";
import { ZvmError, problemOf } from "@/lib/zvm";
import { tlsMessage, toZvmError } from "@/lib/zvm/errors";

const coded = (code: string) => Object.assign(new Error(`x ${code}`), { code });
const FINGERPRINT = "AB:CD:".repeat(15) + "AB:CD";

// Every failure a user sees is a sentence or a few words, never the code Node.js threw.
const cases: { name: string; error: ZvmError; problem: string; message: RegExp }[] = [
  {
    name: "wrong password",
    error: new ZvmError("auth", "credentials rejected (HTTP 401) signing in with …", { status: 401 }),
    problem: "credentials rejected",
    message: /credentials rejected/,
  },
  {
    name: "self-signed and not pinned",
    error: toZvmError(coded("DEPTH_ZERO_SELF_SIGNED_CERT"), "zvm01:9669"),
    problem: "certificate is self-signed and not pinned",
    message: /^zvm01:9669 is not trusted: its certificate is self-signed and not pinned\. Pin its fingerprint, or turn on trust on first use\.$/,
  },
  {
    name: "self-signed, with the fingerprint it showed",
    error: new ZvmError("tls", tlsMessage("DEPTH_ZERO_SELF_SIGNED_CERT", "zvm01:9669", FINGERPRINT), {
      cause: coded("DEPTH_ZERO_SELF_SIGNED_CERT"),
      peerFingerprint: FINGERPRINT,
    }),
    problem: "certificate is self-signed and not pinned",
    message: new RegExp(`self-signed and not pinned: fingerprint ${FINGERPRINT}\\.`),
  },
  {
    name: "DNS name not found",
    error: toZvmError(coded("ENOTFOUND"), "zvm-gone.example.net:9669"),
    problem: "DNS name not found",
    message: /host name of zvm-gone\.example\.net:9669 is not known to DNS/,
  },
  {
    name: "connection refused",
    error: toZvmError(coded("ECONNREFUSED"), "10.0.0.5:9669"),
    problem: "connection refused",
    message: /connection refused by 10\.0\.0\.5:9669: nothing listens there/,
  },
  {
    name: "expired certificate",
    error: toZvmError(coded("CERT_HAS_EXPIRED"), "zvm01"),
    problem: "certificate has expired",
    message: /its certificate has expired/,
  },
  {
    name: "a CA this server does not trust",
    error: toZvmError(coded("UNABLE_TO_VERIFY_LEAF_SIGNATURE"), "zvm01"),
    problem: "certificate signed by an untrusted CA",
    message: /signed by a CA that this server does not trust/,
  },
  {
    name: "not TLS on that port",
    error: toZvmError(coded("ERR_SSL_WRONG_VERSION_NUMBER"), "zvm01:80"),
    problem: "no TLS on this port",
    message: /does not speak TLS on this port/,
  },
  {
    name: "a timeout",
    error: new ZvmError("timeout", "zvm01 did not answer /v1/alerts within 5 s."),
    problem: "no answer in time",
    message: /did not answer/,
  },
  {
    name: "HTTP 404 at the sign-in",
    error: new ZvmError("http", "the ZVM has no Windows sign-in at this address (HTTP 404): …", { status: 404 }),
    problem: "no Zerto API at this address (HTTP 404)",
    message: /no Windows sign-in/,
  },
  {
    name: "HTTP 500",
    error: new ZvmError("http", "signing in failed: the ZVM answered HTTP 500.", { status: 500 }),
    problem: "the ZVM answered HTTP 500",
    message: /HTTP 500/,
  },
  {
    name: "a certificate changed after pinning",
    error: new ZvmError("tls-changed", "the ZVM presented a different certificate than the pinned one; …"),
    problem: "certificate changed since it was pinned",
    message: /different certificate/,
  },
  {
    name: "an explicit problem wins over the reason",
    error: new ZvmError("auth", "the stored credentials cannot be read …", { problem: "stored credentials unreadable" }),
    problem: "stored credentials unreadable",
    message: /cannot be read/,
  },
];

describe("problemOf and the poll error sentences", () => {
  it.each(cases)("$name", ({ error, problem, message }) => {
    expect(problemOf(error)).toBe(problem);
    expect(error.message).toMatch(message);
    expect(`${problemOf(error)} ${error.message}`).not.toMatch(/\b(E[A-Z]{4,}|DEPTH_ZERO|[A-Z]+_[A-Z_]{4,})\b/);
  });
});
