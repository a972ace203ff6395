"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SendDay } from "@/lib/history/get-appliance-history";

/** Send evidence per day: test transmissions passed and failed, and hours spent failing. */
export function ChartSendHistory({ days }: { days: SendDay[] }) {
  return (
    <figure data-testid="chart-sends" className="h-64 w-full">
      <figcaption className="sr-only">Test transmissions passed and failed, and hours failing, per day.</figcaption>
      <ResponsiveContainer width="100%" height="100%" minWidth={200}>
        <ComposedChart data={days} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
          <XAxis dataKey="day" tick={{ fontSize: 12, fill: "#334155" }} tickFormatter={(day: string) => day.slice(5)} minTickGap={16} />
          <YAxis yAxisId="tests" allowDecimals={false} tick={{ fontSize: 12, fill: "#334155" }} width={32} />
          <YAxis yAxisId="hours" orientation="right" type="number" domain={[0, 24]} ticks={[0, 6, 12, 18, 24]} allowDataOverflow tick={{ fontSize: 12, fill: "#334155" }} tickFormatter={(value: number) => `${value} h`} width={44} />
          <Tooltip />
          <Legend />
          <Bar yAxisId="tests" dataKey="testsPassed" name="Tests passed" stackId="tests" fill="#15803d" isAnimationActive={false} />
          <Bar yAxisId="tests" dataKey="testsFailed" name="Tests failed" stackId="tests" fill="#b91c1c" isAnimationActive={false} />
          <Line yAxisId="hours" dataKey="hoursFailing" name="Hours failing" stroke="#b45309" strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
