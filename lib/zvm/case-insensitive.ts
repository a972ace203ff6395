import { z } from "zod";

/**
 * A lenient z.object whose keys match whatever their case: Windows ZVMs write
 * PascalCase (`SiteName`), Linux ZVMs camelCase (`siteName`). Unknown keys are
 * dropped; the first of two keys differing only in case wins.
 */
export function caseInsensitiveObject<Shape extends z.ZodRawShape>(shape: Shape) {
  const canonical = new Map(Object.keys(shape).map((key) => [key.toLowerCase(), key]));
  return z.preprocess((input) => {
    if (input === null || typeof input !== "object" || Array.isArray(input)) return input;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input)) {
      const name = canonical.get(key.toLowerCase());
      if (name !== undefined && !(name in out)) out[name] = value;
    }
    return out;
  }, z.object(shape));
}
