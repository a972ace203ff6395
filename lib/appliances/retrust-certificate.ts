import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db";
import { findAppliance } from "./find-appliance";

/**
 * After a certificate change the admin confirms the new certificate is
 * genuine: the pin is dropped and the next poll trusts and records the new one.
 */
export async function retrustCertificate(db: Database, actor: Actor | null, idOrName: string) {
  authorize(actor, "admin");
  const appliance = await findAppliance(db, idOrName);
  const updated = await db.prisma.appliance.update({
    where: { id: appliance.id },
    data: { tlsFingerprintSha256: null, trustOnFirstUse: true, tlsCertificateChangedAt: null, nextPollAt: new Date() },
  });
  await recordAudit(db, {
    actor,
    action: "appliance.retrust-certificate",
    target: `appliance:${appliance.name}`,
    result: "ok",
    detail: { previousFingerprint: appliance.tlsFingerprintSha256 },
  });
  return updated;
}
