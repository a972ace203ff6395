import { createZvmSession, isZvmError, problemOf, type ZvmTarget } from "@/lib/zvm";
import { signedInWords, type ApplianceCheck } from "./check-wording";

/** Adding an appliance waits at most this long for its first answer. */
export const TRY_TIMEOUT_MS = 10_000;

/**
 * Signs in to a ZVM and reads its local site and licence, within 10 s in all:
 * what adding an appliance reports at once. Never throws for the ZVM's faults.
 */
export async function tryAppliance(kind: "zvm" | "zca", target: ZvmTarget, timeoutMs = TRY_TIMEOUT_MS): Promise<ApplianceCheck> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const session = createZvmSession(target, { connectTimeoutMs: Math.min(5_000, timeoutMs), requestTimeoutMs: timeoutMs });
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const identity = await session.readIdentity(signal);
    return {
      ok: true,
      message: signedInWords(kind, identity),
      siteName: identity.localSite?.siteName ?? null,
      version: identity.localSite?.displayVersion ?? identity.localSite?.version ?? null,
      licenseType: identity.license?.licenseType ?? null,
      authScheme: identity.authScheme,
      fingerprint: identity.observedFingerprint,
      durationMs: elapsed(),
    };
  } catch (error) {
    if (!isZvmError(error)) throw error;
    const message = signal.aborted ? `no complete answer within ${Math.round(timeoutMs / 1000)} s: ${error.message}` : error.message;
    return {
      ok: false,
      message,
      problem: signal.aborted ? "no answer in time" : problemOf(error),
      peerFingerprint: error.peerFingerprint ?? null,
      durationMs: elapsed(),
    };
  } finally {
    await session.close();
  }
}
