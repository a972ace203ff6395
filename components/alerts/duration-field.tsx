"use client";

import { useState } from "react";
import { SILENCE_PRESETS } from "@/lib/alerts/silence-duration";

const selectClass = "mt-1 block rounded border border-slate-400 bg-white px-2 py-1.5 text-sm";

/** How long to silence: a preset, or any number of minutes, hours or days (up to 90 days). */
export function DurationField({ defaultMinutes = 240, form }: { defaultMinutes?: number; form?: string }) {
  const [preset, setPreset] = useState(String(defaultMinutes));
  return (
    <div className="flex flex-wrap items-end gap-2">
      <label className="block text-sm">
        For
        <select name="durationMinutes" form={form} className={selectClass} value={preset} onChange={(event) => setPreset(event.target.value)}>
          {SILENCE_PRESETS.map((option) => (
            <option key={option.minutes} value={option.minutes}>
              {option.label}
            </option>
          ))}
          <option value="custom">Custom…</option>
        </select>
      </label>
      {preset === "custom" ? (
        <>
          <label className="block text-sm">
            How long
            <input name="durationAmount" form={form} type="number" min={1} step="any" required className={`${selectClass} w-24`} />
          </label>
          <label className="block text-sm">
            Unit
            <select name="durationUnit" form={form} defaultValue="hours" className={selectClass}>
              <option value="minutes">minutes</option>
              <option value="hours">hours</option>
              <option value="days">days</option>
            </select>
          </label>
        </>
      ) : null}
    </div>
  );
}
