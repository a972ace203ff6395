import { ForbiddenError, UnauthorizedError } from "@/lib/errors";
import { hasRole, type Actor, type TokenRole } from "./roles";

/** Every verb calls this itself, so no path can skip the check. */
export function authorize(actor: Actor | null, needed: TokenRole): asserts actor is Actor {
  if (!actor) throw new UnauthorizedError();
  if (!hasRole(actor, needed)) throw new ForbiddenError(`This needs the ${needed} role; you are ${actor.role}.`);
}
