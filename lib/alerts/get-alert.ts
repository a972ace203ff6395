import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { alertApplianceSelect, toAlertView, type AlertView } from "./alert-view";
import { activeSilences } from "./list-silences";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AlertEventView {
  id: string;
  step: string;
  severity: string;
  summary: string;
  at: string;
  /** queued, unrouted, superseded, dropped, held (waiting for a silence to end) or waiting (its group window). */
  outcome: string;
  heldUntil: string | null;
}

export interface DeliveryView {
  messageId: string;
  idempotencyKey: string;
  channel: { id: string; name: string; type: string };
  step: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  lastError: string | null;
  queuedAt: string;
  deliveredAt: string | null;
  nextAttemptAt: string | null;
}

export interface AlertDetailView extends AlertView {
  events: AlertEventView[];
  deliveries: DeliveryView[];
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export async function getAlertDetails(db: Database, ids: string[], now: Date): Promise<AlertDetailView[]> {
  if (ids.length === 0) return [];
  const [rows, silences] = await Promise.all([
    db.prisma.alert.findMany({
      where: { id: { in: ids } },
      include: {
        appliance: { select: alertApplianceSelect },
        events: { orderBy: { id: "asc" }, take: 200 },
        messages: { include: { message: { include: { channel: { select: { id: true, name: true, type: true } } } } } },
      },
    }),
    activeSilences(db, now),
  ]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    return [
      {
        ...toAlertView(row, silences, now),
        events: row.events.map((event) => ({
          id: String(event.id),
          step: event.step,
          severity: event.severity,
          summary: event.summary,
          at: event.createdAt.toISOString(),
          outcome: event.outcome ?? (event.heldUntil && event.heldUntil > now ? "held" : "waiting"),
          heldUntil: event.dispatchedAt ? null : iso(event.heldUntil),
        })),
        deliveries: row.messages
          .map(({ message }) => ({
            messageId: String(message.id),
            idempotencyKey: message.idempotencyKey,
            channel: message.channel,
            step: message.step,
            status: message.status,
            attempts: message.attempts,
            lastError: message.lastError,
            queuedAt: message.createdAt.toISOString(),
            deliveredAt: iso(message.deliveredAt),
            nextAttemptAt: message.status === "pending" ? message.nextAttemptAt.toISOString() : null,
          }))
          .sort((a, b) => Number(BigInt(a.messageId) - BigInt(b.messageId))),
      },
    ];
  });
}

/** One alert with its steps and its delivery log. */
export async function getAlert(db: Database, actor: Actor | null, id: string, now = new Date()): Promise<AlertDetailView> {
  authorize(actor, "viewer");
  if (!uuidPattern.test(id)) throw new ValidationError("id: must be an alert id", "id");
  const [alert] = await getAlertDetails(db, [id], now);
  if (!alert) throw new NotFoundError("The alert");
  return alert;
}

/** An appliance's alerts, newest first, each with its delivery log. */
export async function listApplianceAlerts(db: Database, actor: Actor | null, applianceId: string, limit = 20, now = new Date()): Promise<AlertDetailView[]> {
  authorize(actor, "viewer");
  if (!uuidPattern.test(applianceId)) throw new ValidationError("applianceId: must be an appliance id", "applianceId");
  const rows = await db.prisma.alert.findMany({ where: { applianceId }, orderBy: [{ lastEventAt: "desc" }, { id: "desc" }], take: limit, select: { id: true } });
  return getAlertDetails(db, rows.map((row) => row.id), now);
}
