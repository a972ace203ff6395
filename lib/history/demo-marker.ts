import { z } from "zod";
import type { Database } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/** The settings row that marks generated history: `npm run demo` writes it, every compliance screen shows it. */
export const DEMO_HISTORY_KEY = "demo-history";

const demoMarkerSchema = z.object({
  from: z.string(),
  to: z.string(),
  seededAt: z.string(),
});

export type DemoMarker = z.infer<typeof demoMarkerSchema>;

type Client = Database["prisma"] | Prisma.TransactionClient;

export async function readDemoMarker(client: Client): Promise<DemoMarker | null> {
  const row = await client.setting.findUnique({ where: { key: DEMO_HISTORY_KEY } });
  const parsed = demoMarkerSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : null;
}

export async function writeDemoMarker(client: Client, marker: DemoMarker): Promise<void> {
  await client.setting.upsert({
    where: { key: DEMO_HISTORY_KEY },
    create: { key: DEMO_HISTORY_KEY, value: marker, updatedBy: "demo" },
    update: { value: marker, updatedBy: "demo" },
  });
}

/** The part of [from, to] (day keys) that is demo data, or null. */
export function demoOverlap(marker: DemoMarker | null, from: string, to: string): { from: string; to: string } | null {
  if (!marker || marker.to < from || marker.from > to) return null;
  return { from: marker.from > from ? marker.from : from, to: marker.to < to ? marker.to : to };
}
