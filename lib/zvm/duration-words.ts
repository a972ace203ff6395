/** "300 ms", "2.5 s", "15 s": a limit as an error message names it. */
export function durationWords(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 100) / 10} s`;
}
