import type { Appliance } from "@/lib/generated/prisma/client";
import { asZvmAuthChoice, type ZvmTarget } from "@/lib/zvm";
import { openPassword } from "./appliance-secrets";

/** How Lifeline reaches an appliance's ZVM: its address, credentials (opened) and trust. */
export function zvmTargetOf(
  appliance: Pick<Appliance, "url" | "username" | "passwordSealed" | "authScheme" | "tlsFingerprintSha256" | "trustOnFirstUse">,
): ZvmTarget {
  return {
    url: appliance.url,
    username: appliance.username,
    password: openPassword(appliance.passwordSealed),
    authScheme: asZvmAuthChoice(appliance.authScheme),
    tlsFingerprintSha256: appliance.tlsFingerprintSha256,
    trustOnFirstUse: appliance.trustOnFirstUse,
  };
}
