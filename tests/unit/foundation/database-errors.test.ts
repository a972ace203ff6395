import { describe, expect, it } from "vitest";
import { databaseFaultOf } from "@/lib/db/database-errors";

// The shapes below are the errors pg, Prisma's pg adapter and Prisma raised
// when a PostgreSQL server was stopped (fast and immediate), restarted, and
// handed text it cannot store.
const prismaKnown = (code: string, cause: object) =>
  Object.assign(new Error("Invalid `prisma.x()` invocation"), { name: "PrismaClientKnownRequestError", code, meta: { driverAdapterError: { name: "DriverAdapterError", cause } } });

describe("what a database error says about the database", () => {
  it.each([
    ["Prisma: server not reachable", prismaKnown("P1001", { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5432 }), "unreachable"],
    ["Prisma raw query: session ended by a shutdown", prismaKnown("P2010", { kind: "postgres", code: "57P01", severity: "FATAL" }), "unreachable"],
    ["Prisma: no free connection in the pool", Object.assign(new Error("timed out"), { code: "P2024" }), "unreachable"],
    ["adapter: connection closed", { name: "DriverAdapterError", cause: { kind: "ConnectionClosed" } }, "unreachable"],
    ["adapter: too many connections", { name: "DriverAdapterError", cause: { kind: "TooManyConnections" } }, "unreachable"],
    ["pg: admin shutdown", Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01", severity: "FATAL" }), "unreachable"],
    ["pg: starting up", Object.assign(new Error("the database system is starting up"), { code: "57P03", severity: "FATAL" }), "unreachable"],
    ["pg: connection failure", Object.assign(new Error("x"), { code: "08006", severity: "FATAL" }), "unreachable"],
    ["socket: refused", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED", syscall: "connect", errno: -111 }), "unreachable"],
    ["socket: reset", Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }), "unreachable"],
    ["adapter: NUL in text", { name: "DriverAdapterError", cause: { kind: "postgres", code: "22021", severity: "ERROR" } }, "bad-text"],
    ["Prisma: unique clash", prismaKnown("P2002", { kind: "UniqueConstraintViolation" }), null],
    ["pg: unique clash", Object.assign(new Error("duplicate"), { code: "23505", severity: "ERROR" }), null],
    ["a code that only looks like a SQLSTATE", Object.assign(new Error("x"), { code: "57P01" }), null],
    ["no code at all", new Error("Connection terminated unexpectedly"), null],
    ["not an error", "ECONNREFUSED", null],
    ["nothing", null, null],
  ])("%s → %s", (_name, error, fault) => {
    expect(databaseFaultOf(error)).toBe(fault);
  });

  it("does not loop on an error that is its own cause", () => {
    const error = Object.assign(new Error("x"), { cause: undefined as unknown });
    error.cause = error;
    expect(databaseFaultOf(error)).toBeNull();
  });
});
