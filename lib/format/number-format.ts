// Pure: how the product writes shares and durations. Shares round half up to
// the digits shown, never truncate: 2 of 3 is 66.7 %, 85.71 % is 85.7 %.

/**
 * `value` rounded half up to `decimals` places. Goes through the decimal text so
 * that 0.0005 or 1.005 round as written, not as their nearest binary double.
 */
export function roundTo(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  const sign = value < 0 ? -1 : 1;
  const text = String(Math.abs(value));
  // Very small or large numbers print with an exponent already; plain arithmetic is exact enough there.
  if (text.includes("e")) return sign * (Math.round(Math.abs(value) * 10 ** decimals) / 10 ** decimals);
  const shifted = Math.round(Number(`${text}e${decimals}`));
  return sign * Number(`${shifted}e-${decimals}`);
}

/** part / whole, or null when there is nothing to divide. */
export function shareOf(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** A share (0–1) as a percentage with `decimals` places: "66.7 %"; "—" for none. */
export function formatPercent(share: number | null, decimals = 1): string {
  if (share === null || !Number.isFinite(share)) return "—";
  return `${roundTo(share * 100, decimals).toFixed(decimals)} %`;
}

/** A share for a spreadsheet: 0–1 with four decimals. */
export function shareForExport(share: number | null): number | null {
  return share === null || !Number.isFinite(share) ? null : roundTo(share, 4);
}

/** Minutes as people read them: "45 min", "3 h 5 min", "2 d 4 h"; "—" for none. */
export function formatMinutes(minutes: number | null): string {
  if (minutes === null || !Number.isFinite(minutes)) return "—";
  const whole = Math.round(minutes);
  if (whole < 60) return `${whole} min`;
  if (whole < 1440) return `${Math.floor(whole / 60)} h ${whole % 60} min`;
  return `${Math.floor(whole / 1440)} d ${Math.floor((whole % 1440) / 60)} h`;
}
