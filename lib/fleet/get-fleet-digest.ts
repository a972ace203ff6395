import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { readFleetDigest } from "./internal/read-fleet-digest";

/** The fingerprint a live fleet screen starts from (see readFleetDigest), for any signed-in role. */
export async function getFleetDigest(db: Database, actor: Actor | null, now = new Date()): Promise<string> {
  authorize(actor, "viewer");
  return readFleetDigest(db, now);
}
