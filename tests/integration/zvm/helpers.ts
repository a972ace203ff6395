import { expect } from "vitest";
import { ZvmError, type ZvmTarget } from "@/lib/zvm";
import type { SimulatedZvmInfo } from "@/simulator";

/** A pinned target for a simulated ZVM; override what a test varies. */
export function targetFor(zvm: SimulatedZvmInfo, overrides: Partial<ZvmTarget> = {}): ZvmTarget {
  return {
    url: zvm.url,
    username: zvm.username,
    password: zvm.password,
    authScheme: zvm.generation,
    tlsFingerprintSha256: zvm.fingerprint,
    trustOnFirstUse: false,
    ...overrides,
  };
}

/** The ZvmError a call rejects with (fails the test if it resolves or throws something else). */
export async function zvmErrorOf(promise: Promise<unknown>): Promise<ZvmError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ZvmError);
    return error as ZvmError;
  }
  throw new Error("expected the call to fail with a ZvmError");
}

export const DAY_MS = 86_400_000;
