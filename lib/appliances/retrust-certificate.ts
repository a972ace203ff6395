import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import { auditedChange } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db";
import { findAppliance } from "./internal/find-appliance";

/**
 * After a certificate change the admin confirms the new certificate is
 * genuine: the pin is dropped and the next poll trusts and records the new one.
 */
export async function retrustCertificate(db: Database, actor: Actor | null, idOrName: string) {
  authorize(actor, "admin");
  const appliance = await findAppliance(db, idOrName);
  return auditedChange(
    db,
    (tx) =>
      tx.appliance.update({
        where: { id: appliance.id },
        data: { tlsFingerprintSha256: null, trustOnFirstUse: true, tlsCertificateChangedAt: null, nextPollAt: new Date() },
      }),
    () => ({
      actor,
      action: "appliance.retrust-certificate",
      target: `appliance:${appliance.name}`,
      result: "ok",
      detail: { previousFingerprint: appliance.tlsFingerprintSha256 },
    }),
  );
}
