import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import { auditedChange } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db";
import { ConflictError, isUniqueViolation } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import { allowListOf } from "./allow-list-of";
import { generateSigningSecret, sealChannelSecrets, type ChannelSecrets } from "./channel-secrets";
import { createChannelSchema, type ChannelConfig, type CreateChannelInput, type RouteInput } from "./channel-schemas";
import { emailHint, pagerDutyHint, toChannelView, urlHint, type ChannelView } from "./channel-view";
import { checkTargetNow } from "./check-target";
import { sendOpenAlertsNow } from "./send-open-alerts-now";

export function routeRows(routes: RouteInput[]) {
  return routes.map((route, position) => ({ minSeverity: route.minSeverity, tag: route.tag ?? null, conditions: route.conditions, position }));
}

/** The stored form of a channel: what is sealed, what is not, and the hint shown instead of the secret. */
export function storedChannel(data: CreateChannelInput, signingSecret?: string): { config: ChannelConfig; secrets: ChannelSecrets; targetHint: string } {
  switch (data.type) {
    case "webhook":
      return { config: {}, secrets: { url: data.url, signingSecret }, targetHint: urlHint(data.url) };
    case "slack":
    case "teams":
      return { config: {}, secrets: { url: data.url }, targetHint: urlHint(data.url) };
    case "pagerduty":
      return { config: { endpoint: data.endpoint }, secrets: { routingKey: data.routingKey }, targetHint: pagerDutyHint(data.endpoint, data.routingKey) };
    case "email": {
      const config = { host: data.host, port: data.port, security: data.security, username: data.username, from: data.from, to: data.to };
      return { config, secrets: data.password ? { password: data.password } : {}, targetHint: emailHint(config) };
    }
  }
}

/**
 * Adds a channel with its routing rules (default: warning and above, every
 * appliance). A webhook without a signing secret gets one, returned once.
 * Unless sendOpenAlerts is false, the open alerts its routes match are queued for it once.
 */
export async function createChannel(
  db: Database,
  actor: Actor | null,
  input: unknown,
): Promise<{ channel: ChannelView; signingSecret: string | null; openAlertsQueued: number }> {
  authorize(actor, "admin");
  const data = parseInput(createChannelSchema, input);
  const allow = await allowListOf(db);
  if (data.type === "pagerduty") await checkTargetNow(data.endpoint, allow, "endpoint");
  else if (data.type !== "email") await checkTargetNow(data.url, allow, "url");
  const generated = data.type === "webhook" && !data.signingSecret ? generateSigningSecret() : null;
  const stored = storedChannel(data, data.type === "webhook" ? (data.signingSecret ?? generated ?? undefined) : undefined);
  try {
    const row = await auditedChange(
      db,
      (tx) =>
        tx.alertChannel.create({
          data: {
            name: data.name,
            type: data.type,
            enabled: data.enabled,
            config: stored.config as Prisma.InputJsonValue,
            secretsSealed: sealChannelSecrets(stored.secrets),
            targetHint: stored.targetHint,
            createdBy: actor.label,
            routes: { create: routeRows(data.routes) },
          },
          include: { routes: true },
        }),
      (created) => ({
        actor,
        action: "channel.create",
        target: `channel:${created.name}`,
        result: "ok",
        detail: { type: created.type, target: created.targetHint, sendOpenAlerts: data.sendOpenAlerts },
      }),
    );
    const openAlertsQueued = data.sendOpenAlerts ? await sendOpenAlertsNow(db, actor, row) : 0;
    return { channel: toChannelView(row), signingSecret: generated, openAlertsQueued };
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`A channel named "${data.name}" already exists.`, "name");
    throw error;
  }
}
