import { describe, expect, it } from "vitest";
import { parseZvmTime } from "@/lib/zvm";

describe("parseZvmTime", () => {
  it.each([
    ["ISO with Z", "2023-11-14T22:13:20Z", "2023-11-14T22:13:20.000Z"],
    ["ISO with milliseconds and Z", "2023-11-14T22:13:20.123Z", "2023-11-14T22:13:20.123Z"],
    ["ISO with positive offset", "2023-11-15T00:13:20+02:00", "2023-11-14T22:13:20.000Z"],
    ["ISO with negative offset", "2023-11-14T17:13:20-05:00", "2023-11-14T22:13:20.000Z"],
    ["ISO with compact offset", "2023-11-15T00:13:20+0200", "2023-11-14T22:13:20.000Z"],
    ["ISO without offset is UTC", "2023-11-14T22:13:20", "2023-11-14T22:13:20.000Z"],
    [".NET seven fractional digits", "2023-11-14T22:13:20.1234567", "2023-11-14T22:13:20.123Z"],
    ["space instead of T", "2023-11-14 22:13:20", "2023-11-14T22:13:20.000Z"],
    ["date only", "2023-11-14", "2023-11-14T00:00:00.000Z"],
    ["WCF form", "/Date(1700000000000)/", "2023-11-14T22:13:20.000Z"],
    ["WCF form with offset (instant unchanged)", "/Date(1700000000000+0200)/", "2023-11-14T22:13:20.000Z"],
    ["WCF form with negative offset", "/Date(1700000000000-0500)/", "2023-11-14T22:13:20.000Z"],
    ["WCF before 1970", "/Date(-86400000)/", "1969-12-31T00:00:00.000Z"],
    ["surrounding spaces", "  2023-11-14T22:13:20Z ", "2023-11-14T22:13:20.000Z"],
  ])("%s", (_name, input, expected) => {
    expect(parseZvmTime(input)?.toISOString()).toBe(expected);
  });

  it.each([
    ["empty", ""],
    ["words", "yesterday"],
    ["month 13", "2023-13-01T00:00:00Z"],
    ["31 February", "2023-02-31T00:00:00Z"],
    ["hour 24", "2023-11-14T24:00:00Z"],
    ["WCF without digits", "/Date()/"],
    ["US date", "11/14/2023 10:13:20 PM"],
    ["epoch number as text", "1700000000000"],
  ])("rejects %s", (_name, input) => {
    expect(parseZvmTime(input)).toBeNull();
  });
});
