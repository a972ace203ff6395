import { registerAppliance } from "@/lib/appliances/register-appliance";
import type { Database } from "@/lib/db";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { testAdmin } from "../helpers/worker-context";

/** A reporting appliance and a collector token scoped to it alone. */
export async function reportingTarget(db: Database, name: string): Promise<{ applianceId: string; token: string }> {
  const appliance = await registerAppliance(db, testAdmin, {
    name,
    kind: "zvm",
    role: "production",
    mode: "reporting",
    url: "https://zvm.example.net:9669",
    tags: { region: "ams" },
  });
  const { token } = await createApiToken(db, testAdmin, { name: `collector for ${name}`, role: "collector", scope: { applianceIds: [appliance.id] } });
  return { applianceId: appliance.id, token };
}
