import { tokenScopeSchema } from "@/lib/tokens/create-api-token";

// Which appliances a collector token may report for. A token scoped to nothing
// reports for nothing: scope is granted, never assumed.

type TagField = "tenant" | "region" | "vcenter" | "label";

export interface CollectorScope {
  applianceIds: ReadonlySet<string>;
  tags: readonly { field: TagField | "any"; value: string }[];
}

export interface ScopedAppliance {
  id: string;
  tenant: string | null;
  region: string | null;
  vcenter: string | null;
  /** The appliance's labels (the column may be NULL for rows written without any). */
  tags: readonly string[] | null;
}

const FIELD_PREFIX = /^(tenant|region|vcenter|label):(.+)$/i;

/**
 * A scope tag matches an appliance whose tenant, region or vCenter equals it,
 * or that carries it as a label, ignoring case. "tenant:acme", "region:ams",
 * "vcenter:vc01" and "label:gold" match that field only.
 */
export function parseCollectorScope(raw: unknown): CollectorScope {
  const parsed = tokenScopeSchema.safeParse(raw ?? {});
  if (!parsed.success) return { applianceIds: new Set(), tags: [] };
  return {
    applianceIds: new Set((parsed.data.applianceIds ?? []).map((id) => id.toLowerCase())),
    tags: (parsed.data.tags ?? []).map((tag) => {
      const prefixed = FIELD_PREFIX.exec(tag);
      return prefixed
        ? { field: prefixed[1].toLowerCase() as TagField, value: prefixed[2].trim().toLowerCase() }
        : { field: "any" as const, value: tag.toLowerCase() };
    }),
  };
}

export function isInScope(scope: CollectorScope, appliance: ScopedAppliance): boolean {
  if (scope.applianceIds.has(appliance.id.toLowerCase())) return true;
  if (scope.tags.length === 0) return false;
  const same = (value: string | null) => (tag: string) => value !== null && value.toLowerCase() === tag;
  const labels = (appliance.tags ?? []).map((label) => label.toLowerCase());
  return scope.tags.some(({ field, value }) => {
    const tenant = (field === "any" || field === "tenant") && same(appliance.tenant)(value);
    const region = (field === "any" || field === "region") && same(appliance.region)(value);
    const vcenter = (field === "any" || field === "vcenter") && same(appliance.vcenter)(value);
    const label = (field === "any" || field === "label") && labels.includes(value);
    return tenant || region || vcenter || label;
  });
}
