import { describe, expect, it } from "vitest";
import { formatMinutes, formatPercent, roundTo, shareForExport, shareOf } from "@/lib/format/number-format";

describe("shares round, never truncate", () => {
  it.each([
    [2, 3, "66.7 %", 0.6667],
    [1, 3, "33.3 %", 0.3333],
    [6, 7, "85.7 %", 0.8571],
    [5, 7, "71.4 %", 0.7143],
    [1, 8, "12.5 %", 0.125],
    [99_999, 100_000, "100.0 %", 1],
    [1, 2_000, "0.1 %", 0.0005],
    [0, 4, "0.0 %", 0],
    [4, 4, "100.0 %", 1],
  ])("%i of %i reads %s and exports %s", (part, whole, text, exported) => {
    expect(formatPercent(shareOf(part, whole))).toBe(text);
    expect(shareForExport(shareOf(part, whole))).toBe(exported);
  });

  it("nothing to divide is no share", () => {
    expect(shareOf(0, 0)).toBeNull();
    expect(formatPercent(null)).toBe("—");
    expect(shareForExport(null)).toBeNull();
  });

  it("whole percentages round too (85.7 % reads 86 %)", () => {
    expect(formatPercent(6 / 7, 0)).toBe("86 %");
  });

  it.each([
    [1.005, 2, 1.01],
    [0.125, 2, 0.13],
    [66.65, 1, 66.7],
    [-1.25, 1, -1.3],
    [1e-7, 4, 0],
  ])("roundTo(%s, %s) = %s, half up as written", (value, decimals, expected) => {
    expect(roundTo(value, decimals)).toBe(expected);
  });
});

describe("durations", () => {
  it.each([
    [null, "—"],
    [0, "0 min"],
    [59, "59 min"],
    [61, "1 h 1 min"],
    [1440 * 2 + 60 * 3 + 5, "2 d 3 h"],
  ])("%s minutes read %s", (minutes, text) => {
    expect(formatMinutes(minutes)).toBe(text);
  });
});
