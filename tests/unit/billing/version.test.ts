import { describe, expect, it } from "vitest";
import { isAtLeast9, parseZertoVersion, type ZertoVersion } from "@/lib/billing";

describe("parseZertoVersion", () => {
  it.each<[string | null, ZertoVersion | null]>([
    ["9.7.0.123", { major: 9, minor: 7, patch: 0, build: 123 }],
    ["10.0.60", { major: 10, minor: 0, patch: 60 }],
    ["8.5", { major: 8, minor: 5 }],
    ["10.0 Update 6", { major: 10, minor: 0, update: 6 }],
    ["10.0 update 6", { major: 10, minor: 0, update: 6 }],
    ["10.0U6", { major: 10, minor: 0, update: 6 }],
    ["10.0 U6", { major: 10, minor: 0, update: 6 }],
    ["9.7_U5", { major: 9, minor: 7, update: 5 }],
    ["Zerto 9.5 Update 2", { major: 9, minor: 5, update: 2 }],
    ["v10.0.60.1234", { major: 10, minor: 0, patch: 60, build: 1234 }],
    ["  7.5.1  ", { major: 7, minor: 5, patch: 1 }],
    ["10.0.60 Update 6", { major: 10, minor: 0, patch: 60, update: 6 }],
    ["10", null],
    ["Update 6", null],
    ["ten", null],
    ["", null],
    [null, null],
  ])("%j", (raw, expected) => {
    expect(parseZertoVersion(raw)).toEqual(expected);
  });
});

describe("isAtLeast9", () => {
  it.each<[string | ZertoVersion | null, boolean | null]>([
    ["9.0", true],
    ["9.0.0.1", true],
    ["9.7.0.123", true],
    ["10.0 Update 6", true],
    ["8.5", false],
    ["8.9.9.999", false],
    ["7.0", false],
    [{ major: 9, minor: 0 }, true],
    [{ major: 8, minor: 5 }, false],
    ["garbage", null],
    [null, null],
  ])("%j → %s", (version, expected) => {
    expect(isAtLeast9(version)).toBe(expected);
  });
});
