import { setTimeout as sleep } from "node:timers/promises";

/** Polls `condition` until it holds; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
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
