"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatPercent } from "@/lib/format/number-format";
import type { ChartDay } from "@/lib/history/compliance-view";

interface Point extends ChartDay {
  /** 0–100 for the axis; null on days without history. */
  percent: number | null;
}

/** Share of production appliances compliant, per UTC day. */
export function ChartComplianceShare({ days }: { days: ChartDay[] }) {
  const points: Point[] = days.map((day) => ({ ...day, percent: day.share === null ? null : day.share * 100 }));
  const recorded = points.filter((day) => day.recorded).length;
  return (
    <figure data-testid="chart-compliance" data-points={recorded} data-days={days.length} className="h-72 w-full print:h-64">
      <figcaption className="sr-only">
        Share of production appliances compliant per day; {recorded} of {days.length} days recorded. The day-by-day table below holds the same figures.
      </figcaption>
      <ResponsiveContainer width="100%" height="100%" minWidth={200}>
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
          <XAxis dataKey="day" tick={{ fontSize: 12, fill: "#334155" }} tickFormatter={(day: string) => day.slice(5)} minTickGap={24} />
          <YAxis domain={[0, 100]} tick={{ fontSize: 12, fill: "#334155" }} tickFormatter={(value: number) => `${value} %`} width={52} />
          <ReferenceLine y={100} stroke="#94a3b8" />
          <Tooltip
            formatter={(_value, _name, item) => {
              const day = item.payload as Point;
              return [`${formatPercent(day.share)} (${day.compliant} of ${day.mustSend})`, "Compliant"];
            }}
          />
          <Line
            type="monotone"
            dataKey="percent"
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
