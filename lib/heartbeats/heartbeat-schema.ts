import { z } from "zod";

// The wire format of a heartbeat, shared by the ingest route and the collector.
// Pure: imports nothing that does I/O, so the collector can use it too.

export const MAX_BATCH = 500;
/** A full batch of 500 with every string at its limit stays under this. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** How far a collector's clock may run ahead of ours before observedAt is refused. */
export const MAX_FUTURE_MS = 5 * 60_000;
/** ZVM-clock times (an alert's turnedOn, a send) may run ahead of observedAt by this much. */
export const MAX_ZVM_AHEAD_MS = 24 * 3_600_000;
/** zvmClockUtc is the measurement of clock skew itself, so it may be off by up to a year. */
export const MAX_ZVM_CLOCK_OFF_MS = 366 * 24 * 3_600_000;
/** A heartbeat carries at most this many kinds of the ZVM's alerts (for the alert catalogue). */
export const MAX_REPORTED_ALERTS = 25;
/** No Zerto version that sends usage ran before this. */
export const EARLIEST_TIME = new Date("2010-01-01T00:00:00Z");

const TIME_MESSAGE = "must be an ISO 8601 time with a time zone, e.g. 2026-11-22T12:00:00Z";
const required = (message: string) => (issue: { input: unknown }) => (issue.input === undefined ? "is required" : message);

const time = z
  .string({ error: required(TIME_MESSAGE) })
  .max(40, TIME_MESSAGE)
  .pipe(z.iso.datetime({ offset: true, message: TIME_MESSAGE }))
  .transform((value) => new Date(value));

const text = (max: number) =>
  z
    .string({ message: "must be a string" })
    .max(max, `must be at most ${max} characters`)
    .trim()
    .min(1, "must not be empty")
    .regex(/^[^\u0000-\u001f\u007f]*$/, "must not contain control characters");

/** One of the ZVM's own alerts as the collector read it: what the alert catalogue learns from. */
const reportedAlertSchema = z
  .object(
    {
      helpIdentifier: text(50).optional(),
      entity: text(50).optional(),
      level: text(30).optional(),
      description: text(300).optional(),
    },
    { message: "must be an object: {helpIdentifier?, entity?, level?, description?}" },
  )
  .strict();

const alertSchema = z
  .object(
    {
      active: z.boolean({ error: required("must be true or false") }),
      turnedOn: time.nullable().optional(),
    },
    { message: "must be an object: {active, turnedOn?}" },
  )
  .strict();

export const heartbeatSchema = z
  .object(
    {
      applianceId: z.uuid({ error: required("must be an appliance id (UUID)") }),
      observedAt: time,
      version: text(100).optional(),
      licenseType: text(100).optional(),
      siteName: text(255).optional(),
      billingAlert: alertSchema.optional(),
      disconnectionAlert: alertSchema.optional(),
      lastSend: z
        .object(
          { result: z.enum(["passed", "failed"], { error: required("must be passed or failed") }), at: time },
          { message: "must be an object: {result, at}" },
        )
        .strict()
        .optional(),
      zvmClockUtc: time.optional(),
      newEndpointReachability: z.enum(["reachable", "unreachable"], { message: "must be reachable or unreachable" }).optional(),
      /** The local site's alerts at observedAt (absent from older collectors). */
      alerts: z
        .array(reportedAlertSchema, { message: "must be a list of alerts" })
        .max(MAX_REPORTED_ALERTS, `must hold at most ${MAX_REPORTED_ALERTS} alerts`)
        .optional(),
    },
    { message: "must be a heartbeat object: {applianceId, observedAt, ...}" },
  )
  .strict();

/** A heartbeat as it travels (times as ISO strings). */
export type HeartbeatInput = z.input<typeof heartbeatSchema>;
/** A heartbeat after validation (times as Dates). */
export type Heartbeat = z.output<typeof heartbeatSchema>;

export interface ItemError {
  index: number;
  /** The field inside the item, e.g. "billingAlert.turnedOn"; absent when the item itself is wrong. */
  field?: string;
  error: string;
}

export interface ParsedBody {
  /** The body was one heartbeat rather than `{heartbeats: [...]}`. */
  single: boolean;
  items: { index: number; heartbeat: Heartbeat }[];
  rejected: ItemError[];
}

export class HeartbeatBodyError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "HeartbeatBodyError";
  }
}

export interface TimeWindow {
  now: Date;
  /** observedAt older than this is refused: the duplicate check only reaches back this far. */
  maxAgeMs: number;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Splits a body into valid heartbeats and per-item errors. Only a malformed
 * envelope throws: a bad item never costs the good items of its batch.
 */
export function parseHeartbeatBody(body: unknown, window: TimeWindow): ParsedBody {
  let raw: unknown[];
  let single = false;
  if (isPlainObject(body) && "heartbeats" in body) {
    const extra = Object.keys(body).find((key) => key !== "heartbeats");
    if (extra !== undefined) throw new HeartbeatBodyError(`${extra.slice(0, 50)}: is not a known field`, extra.slice(0, 50));
    if (!Array.isArray(body.heartbeats)) throw new HeartbeatBodyError("heartbeats: must be a list of heartbeats", "heartbeats");
    if (body.heartbeats.length > MAX_BATCH) {
      throw new HeartbeatBodyError(`heartbeats: at most ${MAX_BATCH} heartbeats per request (got ${body.heartbeats.length})`, "heartbeats");
    }
    raw = body.heartbeats;
  } else if (isPlainObject(body)) {
    raw = [body];
    single = true;
  } else {
    throw new HeartbeatBodyError("The body must be one heartbeat or {\"heartbeats\": [...]}.");
  }
  const items: ParsedBody["items"] = [];
  const rejected: ItemError[] = [];
  raw.forEach((candidate, index) => {
    const result = heartbeatSchema.safeParse(candidate);
    if (!result.success) {
      rejected.push({ index, ...describeIssue(result.error.issues[0]) });
      return;
    }
    const outOfWindow = checkTimes(result.data, window);
    if (outOfWindow) rejected.push({ index, ...outOfWindow });
    else items.push({ index, heartbeat: result.data });
  });
  return { single, items, rejected };
}

function describeIssue(issue: z.core.$ZodIssue): { field?: string; error: string } {
  const path = issue.path.map(String);
  if (issue.code === "unrecognized_keys") {
    const field = [...path, issue.keys[0].slice(0, 50)].join(".");
    return { field, error: `${field}: is not a known field` };
  }
  const field = path.join(".");
  return field ? { field, error: `${field}: ${issue.message}` } : { error: issue.message };
}

/** The sane window for each time in a heartbeat; the first one outside it is reported. */
export function checkTimes(heartbeat: Heartbeat, window: TimeWindow): { field: string; error: string } | null {
  const now = window.now.getTime();
  const observed = heartbeat.observedAt.getTime();
  if (observed > now + MAX_FUTURE_MS) {
    return { field: "observedAt", error: "observedAt: is in the future; check the collector's clock (NTP)" };
  }
  if (observed < now - window.maxAgeMs) {
    const hours = Math.round(window.maxAgeMs / 3_600_000);
    return { field: "observedAt", error: `observedAt: is older than the ${hours} h heartbeat history` };
  }
  const zvmTimes: [string, Date | null | undefined][] = [
    ["billingAlert.turnedOn", heartbeat.billingAlert?.turnedOn],
    ["disconnectionAlert.turnedOn", heartbeat.disconnectionAlert?.turnedOn],
    ["lastSend.at", heartbeat.lastSend?.at],
  ];
  for (const [field, at] of zvmTimes) {
    if (!at) continue;
    if (at.getTime() < EARLIEST_TIME.getTime()) return { field, error: `${field}: is before ${EARLIEST_TIME.getUTCFullYear()}` };
    if (at.getTime() > observed + MAX_ZVM_AHEAD_MS) return { field, error: `${field}: is more than a day after observedAt` };
  }
  const clock = heartbeat.zvmClockUtc?.getTime();
  if (clock !== undefined && Math.abs(clock - observed) > MAX_ZVM_CLOCK_OFF_MS) {
    return { field: "zvmClockUtc", error: "zvmClockUtc: is more than a year away from observedAt" };
  }
  return null;
}
