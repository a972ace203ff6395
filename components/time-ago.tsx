/** A relative time with the exact UTC time on hover; rendered on the server for `now`. */
export function TimeAgo({ at, now, empty = "—" }: { at: string | null; now: Date; empty?: string }) {
  if (!at) return <span className="text-slate-500">{empty}</span>;
  const date = new Date(at);
  const seconds = Math.round((now.getTime() - date.getTime()) / 1000);
  const future = seconds < 0;
  const abs = Math.abs(seconds);
  const text =
    // Whole units, rounded down, so "in 2 d" agrees with the days-left count.
    abs < 60 ? `${abs} s` : abs < 3600 ? `${Math.floor(abs / 60)} min` : abs < 172_800 ? `${Math.floor(abs / 3600)} h` : `${Math.floor(abs / 86_400)} d`;
  return (
    <time dateTime={at} title={date.toISOString().replace("T", " ").slice(0, 19) + " UTC"}>
      {future ? `in ${text}` : `${text} ago`}
    </time>
  );
}
