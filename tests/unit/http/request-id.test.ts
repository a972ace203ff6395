import { describe, expect, it } from "vitest";
import { requestIdOf } from "@/lib/http/request-id";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("requestIdOf", () => {
  it.each(["abc-123", "trace.id_7", "x".repeat(100)])("keeps the caller's sane id %s", (given) => {
    expect(requestIdOf(given)).toBe(given);
  });

  it.each([null, undefined, "", "x".repeat(101), "has space", "new\nline", "<script>", "ünïcode"])("replaces %o with a fresh UUID", (given) => {
    expect(requestIdOf(given)).toMatch(UUID);
  });

  it("gives a different id each time it makes one", () => {
    expect(requestIdOf(null)).not.toBe(requestIdOf(null));
  });
});
