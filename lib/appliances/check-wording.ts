import type { ZvmIdentity } from "@/lib/zvm/types";

// Pure: what adding an appliance says about the try it made at once.

/** The outcome of signing in to a new appliance and reading its local site. */
export type ApplianceCheck =
  | {
      ok: true;
      /** "signed in: zvm01, ZVM 10.0 U6, licence Cloud" */
      message: string;
      siteName: string | null;
      version: string | null;
      licenseType: string | null;
      authScheme: string;
      /** The certificate it presented (pinned now when trust on first use was asked for). */
      fingerprint: string | null;
      durationMs: number;
    }
  | {
      ok: false;
      /** The whole sentence with the fix, as the appliance page shows a failed poll. */
      message: string;
      /** The same in a few words: "credentials rejected". */
      problem: string;
      /** An untrusted certificate's fingerprint: pin it (after comparing it out of band) to go on. */
      peerFingerprint: string | null;
      durationMs: number;
    }
  | { ok: null; message: string };

export function signedInWords(kind: "zvm" | "zca", identity: ZvmIdentity): string {
  const site = identity.localSite;
  const name = site?.siteName ?? "site name not read";
  const version = site?.displayVersion ?? site?.version;
  const product = kind === "zca" ? "ZCA" : "ZVM";
  const licence = identity.license?.licenseType ? `licence ${identity.license.licenseType}` : "licence not read";
  return `signed in: ${name}, ${version ? `${product} ${version}` : `${product} version not read`}, ${licence}`;
}

/** "its certificate is self-signed and not pinned: fingerprint AB:CD… — trust it?" */
export function trustQuestion(problem: string, fingerprint: string): string {
  return `its ${problem}: fingerprint ${fingerprint} — trust it? Compare it with the certificate the ZVM shows, then pin it.`;
}

export const NOT_CHECKED: ApplianceCheck = { ok: null, message: "not tried now (the check was skipped); the first poll follows within seconds" };
export const REPORTING_NOT_CHECKED: ApplianceCheck = {
  ok: null,
  message: "not tried: a reporting appliance is read by its collector, not by Lifeline",
};
