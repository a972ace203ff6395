"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface ShareDay {
  day: string;
  /** 0–100, null on days without history. */
  share: number | null;
  compliant: number;
  mustSend: number;
}

/** Share of production appliances compliant, per UTC day. */
export function ChartComplianceShare({ days }: { days: ShareDay[] }) {
  const recorded = days.filter((day) => day.share !== null).length;
  return (
    <figure data-testid="chart-compliance" data-points={recorded} className="h-72 w-full print:h-64">
      <figcaption className="sr-only">
        Share of production appliances compliant per day; {recorded} of {days.length} days recorded. The day-by-day table below holds the same figures.
      </figcaption>
      <ResponsiveContainer width="100%" height="100%" minWidth={200}>
        <LineChart data={days} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
          <XAxis dataKey="day" tick={{ fontSize: 12, fill: "#334155" }} tickFormatter={(day: string) => day.slice(5)} minTickGap={24} />
          <YAxis domain={[0, 100]} tick={{ fontSize: 12, fill: "#334155" }} tickFormatter={(value: number) => `${value} %`} width={52} />
          <ReferenceLine y={100} stroke="#94a3b8" />
          <Tooltip
            formatter={(value, _name, item) => {
              const day = item.payload as ShareDay;
              return [`${Number(value).toFixed(1)} % (${day.compliant} of ${day.mustSend})`, "Compliant"];
            }}
          />
          <Line
            type="monotone"
            dataKey="share"
            name="Compliant"
            stroke="#1d4ed8"
            strokeWidth={2}
            dot={{ r: 3, fill: "#1d4ed8" }}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
