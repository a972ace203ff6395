import type { Database } from "@/lib/db";
import { getSettings } from "@/lib/settings/internal/get-settings";
import { addUtcDays, parseDayKey } from "./compliance-math";
import { writeDemoMarker } from "./demo-marker";
import { planDemoHistory, type DemoAppliance } from "./demo-history";
import { rollUpDay } from "./record-compliance-history";

const CHUNK = 2_000;

/**
 * Writes a generated past for the demo fleet (appliances whose names start with
 * `namePrefix`): their earlier generated history goes, the new one comes in,
 * every day's roll-up is recomputed, and the settings mark the days as demo data.
 */
export async function seedDemoHistory(
  db: Database,
  appliances: readonly DemoAppliance[],
  options: { namePrefix: string; days: number; random: () => number; now?: Date },
): Promise<{ from: string; to: string; episodes: number; days: number }> {
  const now = options.now ?? new Date();
  const settings = await getSettings(db);
  const plan = planDemoHistory(appliances, now, { days: options.days, graceDays: settings.graceDays, criticalDays: settings.criticalDays, random: options.random });
  await db.prisma.$transaction(
    async (tx) => {
      await tx.complianceDay.deleteMany({ where: { applianceName: { startsWith: options.namePrefix } } });
      await tx.failureEpisode.deleteMany({ where: { applianceName: { startsWith: options.namePrefix } } });
      for (let index = 0; index < plan.days.length; index += CHUNK) {
        await tx.complianceDay.createMany({
          data: plan.days.slice(index, index + CHUNK).map((day) => ({ ...day, day: parseDayKey(day.day), updatedAt: now })),
        });
      }
      await tx.failureEpisode.createMany({ data: plan.episodes });
      for (let day = parseDayKey(plan.from); day.getTime() <= parseDayKey(plan.to).getTime(); day = addUtcDays(day, 1)) {
        await rollUpDay(tx, day);
      }
      await writeDemoMarker(tx, { from: plan.from, to: plan.to, seededAt: now.toISOString() });
    },
    { maxWait: 10_000, timeout: 300_000 },
  );
  return { from: plan.from, to: plan.to, episodes: plan.episodes.length, days: plan.days.length };
}
