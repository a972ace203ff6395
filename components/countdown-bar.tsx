/** How much of the grace period is used: failingSince → disconnectAt, with now marked. */
export function CountdownBar({
  failingSince,
  disconnectAt,
  daysLeft,
  now,
  criticalDays,
}: {
  failingSince: string;
  disconnectAt: string;
  daysLeft: number;
  now: Date;
  criticalDays: number;
}) {
  const start = new Date(failingSince).getTime();
  const end = new Date(disconnectAt).getTime();
  const used = end > start ? Math.min(1, Math.max(0, (now.getTime() - start) / (end - start))) : 1;
  const percent = Math.round(used * 100);
  const critical = daysLeft <= criticalDays;
  const over = used >= 1;
  return (
    <div className="space-y-1" data-testid="countdown-bar">
      <div className="flex justify-between text-xs text-slate-600">
        <span>failing since {failingSince.slice(0, 16).replace("T", " ")} UTC</span>
        <span>VRA disconnect {disconnectAt.slice(0, 16).replace("T", " ")} UTC</span>
      </div>
      <div
        role="meter"
        aria-label="Grace period used"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={over ? "Grace period over" : `${percent} % of the grace period used, ${daysLeft} days left`}
        className="h-4 w-full overflow-hidden rounded border border-slate-300 bg-slate-100"
      >
        <div
          className={`h-full ${over ? "bg-red-900" : critical ? "bg-red-600" : "bg-amber-500"} bg-[repeating-linear-gradient(45deg,transparent_0_6px,rgba(255,255,255,0.25)_6px_12px)]`}
          style={{ width: `${percent}%` }}
        />
      </div>
      <p className="text-sm font-medium">
        {over ? "Grace period over: the ZVM no longer talks to its VRAs." : `${percent} % of the grace period used · ${daysLeft} ${daysLeft === 1 ? "day" : "days"} left`}
      </p>
    </div>
  );
}
