import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db";
import { ConflictError, ValidationError, isUniqueViolation } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import { allowListOf } from "./allow-list-of";
import { openChannelSecrets, sealChannelSecrets } from "./channel-secrets";
import { CHANNEL_TYPES, FIELDS_BY_TYPE, PAGERDUTY_ENDPOINT, updateChannelSchema, type ChannelConfig, type CreateChannelInput, type EmailConfig } from "./channel-schemas";
import { toChannelView, type ChannelView } from "./channel-view";
import { checkTargetNow } from "./check-target";
import { routeRows, storedChannel } from "./create-channel";
import { findChannel } from "./internal/find-channel";
import { sendOpenAlertsNow } from "./send-open-alerts-now";

const TYPE_FIELDS = new Set(Object.values(FIELDS_BY_TYPE).flat());

const routeKey = (routes: { minSeverity: string; tag: string | null; conditions: readonly string[] }[]) =>
  JSON.stringify(routes.map((route) => [route.minSeverity, route.tag, [...route.conditions].sort()]));

/**
 * Changes a channel; omitted secrets are kept, given routes replace the old ones.
 * Changed routes get the open alerts they match that the channel has not had, once, unless sendOpenAlerts is false.
 */
export async function updateChannel(
  db: Database,
  actor: Actor | null,
  id: string,
  input: unknown,
): Promise<ChannelView & { openAlertsQueued: number }> {
  authorize(actor, "admin");
  const data = parseInput(updateChannelSchema, input);
  const current = await findChannel(db, id);
  const routesBefore = data.routes ? routeKey(await db.prisma.alertRoute.findMany({ where: { channelId: current.id }, orderBy: { position: "asc" } })) : null;
  for (const key of Object.keys(data) as (keyof typeof data)[]) {
    if (TYPE_FIELDS.has(key) && !FIELDS_BY_TYPE[current.type].includes(key)) {
      const owners = CHANNEL_TYPES.filter((type) => FIELDS_BY_TYPE[type].includes(key)).join(", ");
      throw new ValidationError(`${key}: only ${owners} channels have it`, key);
    }
  }
  const secrets = openChannelSecrets(current.secretsSealed);
  const config = (current.config ?? {}) as ChannelConfig;
  // The whole channel as it will be, rebuilt through the same path as a new one.
  const next = {
    type: current.type,
    url: data.url ?? secrets.url,
    signingSecret: data.signingSecret ?? secrets.signingSecret,
    routingKey: data.routingKey ?? secrets.routingKey,
    endpoint: data.endpoint ?? config.endpoint ?? PAGERDUTY_ENDPOINT,
    host: data.host ?? config.host,
    port: data.port ?? config.port,
    security: data.security ?? config.security,
    username: data.username !== undefined ? data.username : (config.username ?? null),
    password: data.password ?? secrets.password,
    from: data.from ?? config.from,
    to: data.to ?? config.to,
  } as unknown as CreateChannelInput & Partial<EmailConfig>;
  const allow = await allowListOf(db);
  if (data.url !== undefined) await checkTargetNow(data.url, allow, "url");
  if (data.endpoint !== undefined) await checkTargetNow(data.endpoint, allow, "endpoint");
  const stored = storedChannel(next, data.signingSecret ?? secrets.signingSecret);
  try {
    const row = await db.prisma.$transaction(async (tx) => {
      if (data.routes) {
        await tx.alertRoute.deleteMany({ where: { channelId: current.id } });
        await tx.alertRoute.createMany({ data: routeRows(data.routes).map((route) => ({ ...route, channelId: current.id })) });
      }
      const updated = await tx.alertChannel.update({
        where: { id: current.id },
        data: {
          name: data.name,
          enabled: data.enabled,
          config: stored.config as Prisma.InputJsonValue,
          secretsSealed: sealChannelSecrets(stored.secrets),
          targetHint: stored.targetHint,
        },
        include: { routes: true },
      });
      await recordAudit(tx, { actor, action: "channel.update", target: `channel:${updated.name}`, result: "ok", detail: { fields: Object.keys(data) } });
      return updated;
    });
    const routesChanged = data.routes !== undefined && routeKey(routeRows(data.routes)) !== routesBefore;
    const openAlertsQueued = routesChanged && data.sendOpenAlerts !== false ? await sendOpenAlertsNow(db, actor, row) : 0;
    return { ...toChannelView(row), openAlertsQueued };
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`A channel named "${data.name}" already exists.`, "name");
    throw error;
  }
}
