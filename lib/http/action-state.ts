import { AppError } from "@/lib/errors";
import { getLogger } from "@/lib/log";

/** What a server action hands back to its form. */
export interface ActionState {
  ok: boolean;
  message: string;
  field?: string;
  /** A value to show once (a new token). */
  secret?: string;
  /** Asks the user to confirm by submitting the form again with this field set (e.g. a certificate to pin). */
  confirm?: { question: string; field: string; value: string; label: string };
}

export const initialActionState: ActionState = { ok: false, message: "" };

/** Runs a server action's verb and turns expected errors into a message for the form. */
export async function runAction(
  fn: () => Promise<string | { message: string; secret?: string }>,
  confirmOf?: (error: AppError) => ActionState["confirm"] | undefined,
): Promise<ActionState> {
  try {
    const result = await fn();
    return typeof result === "string" ? { ok: true, message: result } : { ok: true, ...result };
  } catch (error) {
    if (error instanceof AppError) {
      const confirm = confirmOf?.(error);
      return { ok: false, message: error.message, field: error.field, ...(confirm ? { confirm } : {}) };
    }
    // redirect() and notFound() throw on purpose; let Next.js handle them.
    if (error && typeof error === "object" && "digest" in error) throw error;
    getLogger().error({ err: error }, "server action failed");
    return { ok: false, message: "Something went wrong; see the server log." };
  }
}
