import type { Database } from "@/lib/db";
import { getSettings } from "@/lib/settings/internal/get-settings";
import { AllowList } from "./target-policy";

export async function allowListOf(db: Database): Promise<AllowList> {
  return new AllowList((await getSettings(db)).alerting.allowedTargets);
}
