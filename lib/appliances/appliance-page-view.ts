import type { ApplianceView } from "./appliance-view";

/** How often the appliance page reloads: fast while a test transmission is open, else every 15 s. */
export function refreshSecondsOf(transmissions: readonly { status: string }[], { awaitingFirstPoll = false } = {}): number {
  const running = transmissions.some((transmission) => transmission.status === "pending" || transmission.status === "running");
  return running || awaitingFirstPoll ? 2 : 15;
}

/** The clock of a page render, "14:05:09". */
export function renderedAtText(now: Date): string {
  return now.toISOString().slice(11, 19);
}

export function clockSkewText(seconds: number | null): string {
  return seconds === null ? "—" : `${seconds.toFixed(1)} s`;
}

/** "acme · eu-west · vCenter vc01 · gold, dr": the tags an operator filters by. */
export function tagsText(tags: ApplianceView["tags"]): string {
  const parts = [`${tags.tenant ?? "—"} · ${tags.region ?? "—"}`];
  if (tags.vcenter) parts.push(`vCenter ${tags.vcenter}`);
  if (tags.labels?.length) parts.push(tags.labels.join(", "));
  return parts.join(" · ");
}

/** How Lifeline decides to trust the appliance's certificate. */
export function certificateText(appliance: Pick<ApplianceView, "mode" | "tlsFingerprintSha256" | "trustOnFirstUse">): string {
  if (appliance.mode === "reporting") return "checked by the collector";
  return appliance.tlsFingerprintSha256 ?? (appliance.trustOnFirstUse ? "trust on first use" : "system CAs");
}

/** One recent heartbeat: when it was read is shown beside this; the rest is text. */
export function heartbeatDetailText(beat: { observedAt: Date; receivedAt: Date; billingAlertActive: boolean | null; collector: string | null }): string {
  const delaySeconds = Math.max(0, Math.round((beat.receivedAt.getTime() - beat.observedAt.getTime()) / 1000));
  const alert = beat.billingAlertActive === null ? "not reported" : beat.billingAlertActive ? "on" : "off";
  return `arrived ${delaySeconds} s later · billing alert ${alert} · from ${beat.collector ?? "a deleted token"}`;
}

/** One recent poll after its time: "ok · 120 ms" or "failed: … · 5000 ms". */
export function pollDetailText(poll: { ok: boolean; error: string | null; durationMs: number }): string {
  return `${poll.ok ? "ok" : `failed: ${poll.error}`} · ${poll.durationMs} ms`;
}
