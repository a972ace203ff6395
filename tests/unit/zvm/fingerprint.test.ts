import { describe, expect, it } from "vitest";
import { normaliseFingerprint } from "@/lib/zvm";

const HEX = "9d70e506f90abe1bc17baCff60f8743f98bfecc8b2f7c5ff3fe83fdf4f7428d9";
const NORMAL = "9D:70:E5:06:F9:0A:BE:1B:C1:7B:AC:FF:60:F8:74:3F:98:BF:EC:C8:B2:F7:C5:FF:3F:E8:3F:DF:4F:74:28:D9";

describe("normaliseFingerprint", () => {
  it.each([
    ["mixed-case hex without colons", HEX],
    ["upper-case with colons (node's fingerprint256)", NORMAL],
    ["lower-case with colons", NORMAL.toLowerCase()],
    ["spaces between pairs", NORMAL.replace(/:/g, " ")],
    ["sha256 prefix", `sha256:${HEX}`],
    ["surrounding whitespace", `  ${HEX}\n`],
  ])("accepts %s", (_name, input) => {
    expect(normaliseFingerprint(input)).toBe(NORMAL);
  });

  it.each([
    ["empty", ""],
    ["too short (SHA-1)", "9D:70:E5:06:F9:0A:BE:1B:C1:7B:AC:FF:60:F8:74:3F:98:BF:EC:C8"],
    ["too long", `${HEX}00`],
    ["not hex", HEX.replace("9d", "zz")],
  ])("rejects %s", (_name, input) => {
    expect(normaliseFingerprint(input)).toBeNull();
  });
});
