export const MS_PER_DAY = 86_400_000;

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * MS_PER_DAY);
}

export function earliest(dates: readonly (Date | null)[]): Date | null {
  let found: Date | null = null;
  for (const date of dates) {
    if (date && (found === null || date.getTime() < found.getTime())) found = date;
  }
  return found;
}

/** "2026-11-16 10:00 UTC": the form used in reason messages. */
export function formatUtc(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function formatSeconds(seconds: number): string {
  const abs = Math.abs(seconds);
  if (abs < 120) return `${Math.round(abs)} s`;
  if (abs < 2 * 3600) return `${Math.round(abs / 60)} min`;
  return `${Math.round(abs / 3600)} h`;
}

export function formatDays(days: number): string {
  return days === 1 ? "1 day" : `${days} days`;
}
