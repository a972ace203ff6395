"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { PollDay } from "@/lib/history/get-appliance-history";

/** Poll success (bars, %) and latency (lines, ms) per day. */
export function ChartPollHistory({ days }: { days: PollDay[] }) {
  return (
    <figure data-testid="chart-polls" className="h-64 w-full">
      <figcaption className="sr-only">Poll success share and latency per day.</figcaption>
      <ResponsiveContainer width="100%" height="100%" minWidth={200}>
        <ComposedChart data={days} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
          <XAxis dataKey="day" tick={{ fontSize: 12, fill: "#334155" }} tickFormatter={(day: string) => day.slice(5)} minTickGap={16} />
          <YAxis yAxisId="share" domain={[0, 100]} tick={{ fontSize: 12, fill: "#334155" }} tickFormatter={(value: number) => `${value} %`} width={48} />
          <YAxis yAxisId="ms" orientation="right" tick={{ fontSize: 12, fill: "#334155" }} tickFormatter={(value: number) => `${value} ms`} width={64} />
          <Tooltip />
          <Legend />
          <Bar yAxisId="share" dataKey="successPercent" name="Polls succeeded (%)" fill="#15803d" isAnimationActive={false} />
          <Line yAxisId="ms" dataKey="meanMs" name="Mean latency (ms)" stroke="#1d4ed8" strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} />
          <Line yAxisId="ms" dataKey="maxMs" name="Max latency (ms)" stroke="#7c3aed" strokeDasharray="4 3" dot={{ r: 2 }} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
