import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";

// A test transmission of a reporting appliance waits as a command until a
// heartbeat answer hands it to a collector that reports for that appliance.

export interface OpenCollectorCommand {
  id: string;
  applianceId: string;
  requestedAt: Date;
  status: "pending" | "running";
  leaseOwner: string | null;
  leaseUntil: Date | null;
}

export interface CollectorCommand {
  type: "test-transmission";
  id: string;
  applianceId: string;
  requestedAt: string;
  /** Where the collector posts the outcome. */
  resultUrl: string;
  /** After this the request ends as "collector did not respond". */
  deadline: string;
}

/** The lease owner that marks a command as handed to this collector token. */
export function collectorLeaseOwner(actor: Pick<Actor, "id">): string {
  return `collector:${actor.id}`;
}

/** Pending requests of reporting appliances, and running ones a collector holds. */
export async function listOpenCollectorCommands(db: Database): Promise<OpenCollectorCommand[]> {
  const rows = await db.prisma.$queryRaw<OpenCollectorCommand[]>`
    SELECT t.id::text AS id, t."applianceId"::text AS "applianceId", t."requestedAt", t.status::text AS status,
           t."leaseOwner", t."leaseUntil"
    FROM "TestTransmission" t JOIN "Appliance" a ON a.id = t."applianceId"
    WHERE a.mode = 'reporting'
      AND (t.status = 'pending' OR (t.status = 'running' AND t."leaseOwner" LIKE 'collector:%'))`;
  return rows;
}

/**
 * Leases the pending commands to this collector and hands them out, with the
 * running ones it already holds: an answer lost on the way is handed out again,
 * and the collector runs each command id once.
 */
export async function handOutCollectorCommands(
  db: Database,
  collector: Actor,
  open: readonly OpenCollectorCommand[],
  leaseMs: number,
  now = new Date(),
): Promise<CollectorCommand[]> {
  const owner = collectorLeaseOwner(collector);
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const held = open.filter((command) => command.status === "running" && command.leaseOwner === owner);
  const pending = open.filter((command) => command.status === "pending");
  const commands: CollectorCommand[] = [];
  if (pending.length > 0) {
    const claimed = await db.prisma.$queryRaw<{ id: string; applianceId: string; requestedAt: Date; leaseUntil: Date }[]>`
      UPDATE "TestTransmission" SET status = 'running', "startedAt" = ${now}, "leaseOwner" = ${owner}, "leaseUntil" = ${leaseUntil}
      WHERE id IN (SELECT value::uuid FROM jsonb_array_elements_text(${JSON.stringify(pending.map((c) => c.id))}::jsonb))
        AND status = 'pending'
      RETURNING id::text AS id, "applianceId"::text AS "applianceId", "requestedAt", "leaseUntil"`;
    for (const row of claimed) commands.push(commandOf(row, row.leaseUntil));
    for (const command of pending) {
      // Another request may have taken it meanwhile; either way it is no longer pending.
      const mine = claimed.find((row) => row.id === command.id);
      Object.assign(command, { status: "running", leaseOwner: mine ? owner : null, leaseUntil: mine ? leaseUntil : null });
    }
  }
  // Held ones may have finished since the list was read; the collector ignores ids it has run.
  for (const command of held) commands.push(commandOf(command, command.leaseUntil ?? leaseUntil));
  return commands;
}

function commandOf(row: { id: string; applianceId: string; requestedAt: Date }, deadline: Date): CollectorCommand {
  return {
    type: "test-transmission",
    id: row.id,
    applianceId: row.applianceId,
    requestedAt: row.requestedAt.toISOString(),
    resultUrl: `/api/v1/test-transmissions/${row.id}/result`,
    deadline: deadline.toISOString(),
  };
}
