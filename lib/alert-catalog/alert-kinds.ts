// Pure: the kinds of alert an appliance raises, as the alert catalogue keeps them.

/** A kind of ZVM alert: what the catalogue counts. Empty text stands for a field the ZVM left out. */
export interface AlertKind {
  helpIdentifier: string;
  entity: string;
  level: string;
  /** A sample: the newest description of this kind. */
  description: string;
}

export interface AlertText {
  helpIdentifier?: string | null;
  entity?: string | null;
  level?: string | null;
  description?: string | null;
}

const LIMITS = { helpIdentifier: 50, entity: 50, level: 30, description: 300 } as const;

function tidy(value: string | null | undefined, max: number): string {
  const text = (value ?? "").replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  return text.length > max ? text.slice(0, max) : text;
}

/** One entry per (help identifier, entity, level); help identifiers upper-case, as Zerto writes them. */
export function alertKindsOf(alerts: readonly AlertText[]): AlertKind[] {
  const kinds = new Map<string, AlertKind>();
  for (const alert of alerts) {
    const kind: AlertKind = {
      helpIdentifier: tidy(alert.helpIdentifier, LIMITS.helpIdentifier).toUpperCase(),
      entity: tidy(alert.entity, LIMITS.entity),
      level: tidy(alert.level, LIMITS.level),
      description: tidy(alert.description, LIMITS.description),
    };
    const key = kindKey(kind);
    if (!kinds.has(key)) kinds.set(key, kind);
  }
  return [...kinds.values()];
}

export function kindKey(kind: Pick<AlertKind, "helpIdentifier" | "entity" | "level">): string {
  return `${kind.helpIdentifier}\u0000${kind.entity}\u0000${kind.level}`;
}

/** The same set of kinds gives the same signature, in any order. */
export function signatureOf(kinds: readonly AlertKind[]): string {
  return kinds.map(kindKey).sort().join("\u0001");
}
