export interface ZertoVersion {
  major: number;
  minor: number;
  patch?: number;
  build?: number;
  /** "10.0 Update 6", "10.0U6", "9.7_U5" carry the update number outside the dotted part. */
  update?: number;
}

const DOTTED = /(\d{1,4})\.(\d{1,4})(?:\.(\d{1,6}))?(?:\.(\d{1,9}))?/;
const UPDATE_SUFFIX = /^\s*[_-]?\s*(?:update|u)\s*[_-]?\s*(\d{1,4})\b/i;

/**
 * Reads the first "major.minor[.patch[.build]]" in the string, plus an optional
 * "Update N"/"UN" suffix. Anything without a dotted version is unknown (null):
 * a lone number is more likely a build number than a major version.
 */
export function parseZertoVersion(raw: string | null | undefined): ZertoVersion | null {
  if (!raw) return null;
  const dotted = DOTTED.exec(raw);
  if (!dotted) return null;
  const [, major, minor, patch, build] = dotted;
  const version: ZertoVersion = { major: Number(major), minor: Number(minor) };
  if (patch !== undefined) version.patch = Number(patch);
  if (build !== undefined) version.build = Number(build);
  const update = UPDATE_SUFFIX.exec(raw.slice(dotted.index + dotted[0].length));
  if (update?.[1] !== undefined) version.update = Number(update[1]);
  return version;
}

/** true / false for a known version, null when the version cannot be read. */
export function isAtLeast9(version: ZertoVersion | string | null | undefined): boolean | null {
  const parsed = typeof version === "string" || version == null ? parseZertoVersion(version) : version;
  if (!parsed) return null;
  return parsed.major >= 9;
}
