import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { getDb, type Database } from "@/lib/db";
import { isSetupOpen } from "@/lib/users/create-first-admin";
import { signInPathFor } from "./callback-url";
import { sessionActor } from "./current-actor";
import { REQUEST_PATH_HEADER } from "./request-path";
import { hasRole, type Actor, type UserRole } from "./roles";

/**
 * For pages: the signed-in user with at least `role`, or a redirect / 403.
 * Signed out, the redirect to /signin carries the page asked for, so the user
 * lands back on it. A page that may answer 403 must not sit under a
 * loading.tsx: the Suspense boundary starts a 200 response before forbidden()
 * can set the status.
 */
export async function requirePageActor(role: UserRole): Promise<{ db: Database; actor: Actor }> {
  const db = await getDb();
  const actor = await sessionActor(db);
  if (!actor) {
    if (await isSetupOpen(db)) redirect("/setup");
    redirect(signInPathFor((await headers()).get(REQUEST_PATH_HEADER)));
  }
  if (!hasRole(actor, role)) forbidden();
  return { db, actor };
}
