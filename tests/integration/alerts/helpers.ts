import { waitFor as waitForValue } from "../../helpers/wait-for";

/** Waits until `condition` holds (the shared wait helper); fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  await waitForValue(what, condition, { timeoutMs });
}

/** Webhook bodies as Lifeline sends them. */
export interface WebhookBody {
  idempotencyKey: string;
  kind: string;
  condition: string;
  step: string;
  severity: string;
  title: string;
  items: { dedupKey: string; step: string; action: string; appliance: { id: string; name: string }; daysUntilDisconnect: number | null }[];
}
