import type { AlertPatterns } from "./alert-patterns-schema";

export type { AlertPatterns } from "./alert-patterns-schema";

/**
 * Billing alerts are recognised by help identifier and by wording, both
 * configurable. A public Zerto alert catalogue lists LIC0012 "Billing usage
 * warning", LIC0013 "Critical billing usage warning" and LIC0021/LIC0022
 * "Unauthorized disconnection from CallHome warning/error"; their descriptions
 * are not published, so the wording patterns stay beside the identifiers.
 * The billing alert says the ZVM "will stop communicating with its VRAs" if
 * unresolved; the disconnection alert says it "will not communicate with its
 * VRAs until this issue is resolved". Both say "did not send site usage
 * information", which is why disconnection is matched first. Disconnection is
 * recognised by its wording (or when the grace period has run out).
 */
export const DEFAULT_ALERT_PATTERNS: AlertPatterns = {
  billingHelpIdentifiers: ["LIC0012", "LIC0013", "LIC0021", "LIC0022"],
  billingDescriptionPatterns: ["did not send site usage information"],
  disconnectionHelpIdentifiers: [],
  disconnectionDescriptionPatterns: [
    "will not communicate with its VRAs",
    "stopped communicating with its VRAs",
  ],
};

export interface AlertMatcher {
  helpIdentifiers: ReadonlySet<string>;
  descriptionPatterns: readonly RegExp[];
}

export interface CompiledAlertPatterns {
  billing: AlertMatcher;
  disconnection: AlertMatcher;
}

export class AlertPatternError extends Error {
  constructor(
    readonly field: keyof AlertPatterns,
    readonly index: number,
    readonly pattern: unknown,
    reason: string,
  ) {
    super(`${field}[${index}] ${JSON.stringify(pattern)}: ${reason}`);
    this.name = "AlertPatternError";
  }
}

const MAX_PATTERN_LENGTH = 500;
const REGEX_LITERAL = /^\/(.+)\/([a-z]*)$/s;
const ALLOWED_FLAGS = /^[imsu]*$/;

/** Validates operator-supplied patterns once, so a bad one fails at save time, not mid-poll. */
export function compileAlertPatterns(patterns: AlertPatterns): CompiledAlertPatterns {
  return {
    billing: {
      helpIdentifiers: compileIdentifiers(patterns, "billingHelpIdentifiers"),
      descriptionPatterns: compileTextPatterns(patterns, "billingDescriptionPatterns"),
    },
    disconnection: {
      helpIdentifiers: compileIdentifiers(patterns, "disconnectionHelpIdentifiers"),
      descriptionPatterns: compileTextPatterns(patterns, "disconnectionDescriptionPatterns"),
    },
  };
}

function entriesOf(patterns: AlertPatterns, field: keyof AlertPatterns): unknown[] {
  const entries: unknown = patterns[field];
  if (!Array.isArray(entries)) {
    throw new AlertPatternError(field, -1, entries, "must be a list of strings");
  }
  return entries;
}

function checkedText(field: keyof AlertPatterns, index: number, entry: unknown): string {
  if (typeof entry !== "string") throw new AlertPatternError(field, index, entry, "must be a string");
  const text = entry.trim();
  if (text === "") throw new AlertPatternError(field, index, entry, "must not be empty");
  if (text.length > MAX_PATTERN_LENGTH) {
    throw new AlertPatternError(field, index, entry, `must be at most ${MAX_PATTERN_LENGTH} characters`);
  }
  return text;
}

function compileIdentifiers(patterns: AlertPatterns, field: keyof AlertPatterns): ReadonlySet<string> {
  return new Set(entriesOf(patterns, field).map((entry, index) => checkedText(field, index, entry).toLowerCase()));
}

function compileTextPatterns(patterns: AlertPatterns, field: keyof AlertPatterns): RegExp[] {
  return entriesOf(patterns, field).map((entry, index) => {
    const text = checkedText(field, index, entry);
    const literal = REGEX_LITERAL.exec(text);
    if (!literal) return new RegExp(escapeRegExp(text), "i");
    const [, source = "", flags = ""] = literal;
    if (!ALLOWED_FLAGS.test(flags)) {
      throw new AlertPatternError(field, index, entry, `unsupported regular expression flags "${flags}" (allowed: i, m, s, u)`);
    }
    let regex: RegExp;
    try {
      regex = new RegExp(source, flags.includes("i") ? flags : `${flags}i`);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new AlertPatternError(field, index, entry, `invalid regular expression: ${detail}`);
    }
    if (regex.test("")) {
      throw new AlertPatternError(field, index, entry, "matches an empty description, so it would match every alert");
    }
    return regex;
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
