import { describe, expect, it } from "vitest";
import { EMPTY_MEMORY, type AlertMemory } from "@/lib/alerts/alert-memory";
import { MAX_IDLE_MS, coverOf, evaluateAppliance, type Evaluation } from "@/lib/alerts/evaluate-appliance";
import { DAY, HOUR, MINUTE, NOW, RULES, ago, failing, viewAt } from "./fixtures";

type Step = [condition: string, step: string, severity: string];
/** The steps fired, optionally of one condition only. */
const steps = (evaluation: Evaluation, only?: string): Step[] =>
  evaluation.events.filter((event) => !only || event.condition === only).map((event) => [event.condition, event.step, event.severity]);

/** Evaluates a sequence of views, carrying memory along, as the worker does. */
function run(views: { at: Date; overrides: Parameters<typeof viewAt>[1] }[], memory: AlertMemory = EMPTY_MEMORY, only?: string) {
  const fired: { at: Date; condition: string; step: string; severity: string; daysLeft: number | null }[] = [];
  for (const { at, overrides } of views) {
    const evaluation = evaluateAppliance(memory, viewAt(at, overrides), at, RULES);
    memory = evaluation.memory;
    for (const event of evaluation.events.filter((candidate) => !only || candidate.condition === only)) {
      fired.push({ at, condition: event.condition, step: event.step, severity: event.severity, daysLeft: event.detail.daysUntilDisconnect });
    }
  }
  return { fired, memory };
}

// A 10.0 appliance that fails is also "blocked" for 9.0; these cases look at billing alone.
const BILLING = "billing";

describe("billing: each step toward disconnect fires once", () => {
  // Turned on 08:00Z on the 4th: disconnect at 08:00Z on the 19th, clear of the billing-day window.
  const turnedOn = new Date("2026-11-04T08:00:00.000Z");
  const disconnectAt = new Date("2026-11-19T08:00:00.000Z");
  const expected = [
    ["started", 14, "warning"],
    ["reminder", 10, "warning"],
    ["reminder", 5, "critical"],
    ["reminder", 3, "critical"],
    ["reminder", 2, "critical"],
    ["reminder", 1, "critical"],
    ["disconnected", 0, "critical"],
  ];

  it("polled every hour for sixteen days: started, the 10/5/3/2/1-day reminders, disconnected, nothing twice", () => {
    const views = Array.from({ length: 16 * 24 }, (_, hour) => ({ at: new Date(turnedOn.getTime() + 30 * MINUTE + hour * HOUR), overrides: failing(turnedOn) }));
    const { fired } = run(views, EMPTY_MEMORY, BILLING);
    expect(fired.map((event) => [event.step, event.daysLeft, event.severity])).toEqual(expected);
    expect(fired.every((event) => event.condition === "billing")).toBe(true);
  });

  it("woken only at nextDueAt: the same steps, each at the moment its threshold is crossed", () => {
    let memory = EMPTY_MEMORY;
    let at = new Date(turnedOn.getTime() + MINUTE);
    const fired: [string, number | null, string, string][] = [];
    let evaluations = 0;
    while (at.getTime() < disconnectAt.getTime() + HOUR) {
      const evaluation = evaluateAppliance(memory, viewAt(at, failing(turnedOn)), at, RULES);
      evaluations += 1;
      for (const event of evaluation.events.filter((candidate) => candidate.condition === BILLING)) fired.push([event.step, event.detail.daysUntilDisconnect, event.severity, at.toISOString()]);
      memory = evaluation.memory;
      expect(evaluation.nextDueAt.getTime()).toBeGreaterThan(at.getTime());
      at = evaluation.nextDueAt;
    }
    expect(fired.map(([step, days, severity]) => [step, days, severity])).toEqual(expected);
    // "5 days left" is read from 6 days before the disconnect: the reminder fires 1 ms after that.
    expect(fired[2][3]).toBe(new Date(disconnectAt.getTime() - 6 * DAY + 1).toISOString());
    expect(fired[6][3]).toBe(disconnectAt.toISOString());
    // Without new evidence the evaluator wakes every 10 minutes at most, and exactly at each deadline.
    expect(evaluations).toBeLessThan((15 * DAY) / MAX_IDLE_MS + 10);
  });

  it.each([
    { name: "first seen with 7 days left: started, covering the 10-day reminder", daysAgo: 8, step: "started", severity: "warning", covered: 10 },
    { name: "first seen with 3 days left: started (critical), covering the 5- and 3-day reminders", daysAgo: 12, step: "started", severity: "critical", covered: 3 },
    { name: "first seen with 12 days left: started, no reminder covered yet", daysAgo: 3, step: "started", severity: "warning", covered: null },
    { name: "first seen past its deadline: only disconnected, no started", daysAgo: 16, step: "disconnected", severity: "critical", covered: 1 },
  ])("$name", ({ daysAgo, step, severity, covered }) => {
    const evaluation = evaluateAppliance(EMPTY_MEMORY, viewAt(NOW, failing(ago(daysAgo * DAY - HOUR))), NOW, RULES);
    expect(steps(evaluation, BILLING)).toEqual([["billing", step, severity]]);
    expect(evaluation.memory.conditions.billing?.covered ?? null).toBe(covered);
  });

  it("the ZVM's disconnection alert is a disconnect whatever the days left", () => {
    const turned = ago(3 * DAY);
    const evaluation = evaluateAppliance(
      EMPTY_MEMORY,
      viewAt(NOW, { ...failing(turned), disconnectionAlertActive: true, disconnectionAlertTurnedOn: ago(HOUR) }),
      NOW,
      RULES,
    );
    expect(steps(evaluation, BILLING)).toEqual([["billing", "disconnected", "critical"]]);
  });

  it("evaluating the same view again fires nothing", () => {
    const first = evaluateAppliance(EMPTY_MEMORY, viewAt(NOW, failing(ago(8 * DAY))), NOW, RULES);
    const again = evaluateAppliance(first.memory, viewAt(NOW, failing(ago(8 * DAY))), NOW, RULES);
    expect(steps(again, BILLING)).toEqual([]);
    expect(again.memory).toEqual(first.memory);
  });

  it("after a gap that crosses two thresholds, one reminder with the days left now", () => {
    const turned = ago(9 * DAY - HOUR); // 6 days left: covers 10
    const { fired } = run([
      { at: NOW, overrides: failing(turned) },
      { at: new Date(NOW.getTime() + 4 * DAY), overrides: failing(turned) }, // 2 days left: crosses 5, 3 and 2
      { at: new Date(NOW.getTime() + 4 * DAY + HOUR), overrides: failing(turned) },
    ], EMPTY_MEMORY, BILLING);
    expect(fired.map((event) => [event.step, event.daysLeft])).toEqual([
      ["started", 6],
      ["reminder", 2],
    ]);
  });

  it("a countdown that moves back (later evidence) lets its reminders fire again", () => {
    const { fired, memory } = run([
      { at: NOW, overrides: failing(ago(12 * DAY)) }, // 3 days left
      { at: new Date(NOW.getTime() + HOUR), overrides: failing(ago(6 * DAY)) }, // turnedOn later: 9 days left
      { at: new Date(NOW.getTime() + 4 * DAY + HOUR), overrides: failing(ago(6 * DAY)) }, // 4 days left: the 5-day reminder again
    ], EMPTY_MEMORY, BILLING);
    expect(fired.map((event) => [event.step, event.daysLeft])).toEqual([
      ["started", 3],
      ["reminder", 4],
    ]);
    expect(memory.conditions.billing?.covered).toBe(5);
  });

  it.each([
    { name: "a passed test transmission", overrides: { lastSuccessfulSendAt: ago(MINUTE), lastSuccessfulSendSource: "test-transmission" }, text: /successful send was proven/ },
    { name: "the alert turning off", overrides: {}, text: /no longer reports the billing alert/ },
  ])("recovers once on $name", ({ overrides, text }) => {
    const { memory } = run([{ at: ago(HOUR), overrides: failing(ago(8 * DAY)) }]);
    const recovered = evaluateAppliance(memory, viewAt(NOW, overrides), NOW, RULES);
    expect(steps(recovered, BILLING)).toEqual([["billing", "recovered", "info"]]);
    expect(recovered.events[0].summary).toMatch(text);
    expect(recovered.memory.conditions.billing).toBeUndefined();
    expect(steps(evaluateAppliance(recovered.memory, viewAt(NOW, overrides), NOW, RULES), BILLING)).toEqual([]);
  });

  it("a recovered appliance that fails again starts a new episode", () => {
    const { fired } = run([
      { at: ago(2 * HOUR), overrides: failing(ago(3 * DAY)) },
      { at: ago(HOUR), overrides: {} },
      { at: NOW, overrides: failing(ago(MINUTE)) },
    ], EMPTY_MEMORY, BILLING);
    expect(fired.map((event) => event.step)).toEqual(["started", "recovered", "started"]);
  });

  it("switching billing alerts off resolves an open one, and nothing fires while off", () => {
    const { memory } = run([{ at: ago(HOUR), overrides: failing(ago(8 * DAY)) }]);
    const off = { ...RULES, disabled: ["billing" as const] };
    const evaluation = evaluateAppliance(memory, viewAt(NOW, failing(ago(8 * DAY))), NOW, off);
    expect(steps(evaluation, BILLING)).toEqual([["billing", "recovered", "info"]]);
    expect(evaluation.events[0].summary).toMatch(/switched off/);
    expect(steps(evaluateAppliance(evaluation.memory, viewAt(NOW, failing(ago(8 * DAY))), NOW, off), BILLING)).toEqual([]);
  });

  it("severities come from the settings", () => {
    const rules = { ...RULES, severities: { ...RULES.severities, billingFailing: "critical" as const, disconnected: "warning" as const } };
    expect(steps(evaluateAppliance(EMPTY_MEMORY, viewAt(NOW, failing(ago(2 * DAY))), NOW, rules), BILLING)).toEqual([["billing", "started", "critical"]]);
    expect(steps(evaluateAppliance(EMPTY_MEMORY, viewAt(NOW, failing(ago(20 * DAY))), NOW, rules), BILLING)).toEqual([["billing", "disconnected", "warning"]]);
  });
});

describe("other conditions: triggered once, resolved once", () => {
  it.each([
    { condition: "stale", severity: "warning", overrides: { lastDataAt: ago(2 * HOUR), lastPolledAt: ago(2 * HOUR) } },
    { condition: "certificate", severity: "critical", overrides: { tlsCertificateChangedAt: ago(HOUR) } },
    { condition: "licence", severity: "warning", overrides: { licenseType: "Trial" } },
    { condition: "clock-skew", severity: "warning", overrides: { clockSkewSeconds: 300 } },
    { condition: "migration", severity: "warning", overrides: { version: "8.5.20", version9SeenAt: null, newEndpointReachability: "unreachable" } },
  ])("$condition", ({ condition, severity, overrides }) => {
    const triggered = evaluateAppliance(EMPTY_MEMORY, viewAt(NOW, overrides), NOW, RULES);
    expect(steps(triggered)).toEqual([[condition, "triggered", severity]]);
    expect(steps(evaluateAppliance(triggered.memory, viewAt(NOW, overrides), NOW, RULES))).toEqual([]);
    const later = new Date(NOW.getTime() + HOUR);
    const resolved = evaluateAppliance(triggered.memory, viewAt(later), later, RULES);
    expect(steps(resolved)).toEqual([[condition, "resolved", "info"]]);
    expect(resolved.memory.conditions).toEqual({});
  });

  it("9.0 readiness blocked: on 9.0 or later and failing, beside the billing alert", () => {
    const evaluation = evaluateAppliance(EMPTY_MEMORY, viewAt(NOW, failing(ago(2 * DAY))), NOW, RULES);
    expect(steps(evaluation)).toEqual([
      ["billing", "started", "warning"],
      ["migration", "triggered", "info"],
    ]);
  });

  it("a disabled condition neither triggers nor stays open", () => {
    const rules = { ...RULES, disabled: ["clock-skew" as const] };
    const skewed = { clockSkewSeconds: 300 };
    expect(steps(evaluateAppliance(EMPTY_MEMORY, viewAt(NOW, skewed), NOW, rules))).toEqual([]);
    const open = evaluateAppliance(EMPTY_MEMORY, viewAt(NOW, skewed), NOW, RULES);
    expect(steps(evaluateAppliance(open.memory, viewAt(NOW, skewed), NOW, rules))).toEqual([["clock-skew", "resolved", "info"]]);
  });
});

describe("billing day at risk: the two days before the 3rd", () => {
  const at = (iso: string) => new Date(iso);

  // A collector that reports neither a send result nor the alert state: OK, but no evidence of sending.
  const NO_ALERT_STATE = { billingAlertActive: null, disconnectionAlertActive: null, alertsObservedAt: null };

  it.each([
    { name: "the 30th: not yet", now: "2026-11-30T23:59:59.999Z", proofAgo: null, fires: false },
    { name: "the 1st, no evidence of sending", now: "2026-12-01T00:00:00.000Z", proofAgo: null, fires: true },
    { name: "the 2nd, proof 25 h old", now: "2026-12-02T12:00:00.000Z", proofAgo: 25 * HOUR, fires: true },
    { name: "the 2nd, proof 23 h old", now: "2026-12-02T12:00:00.000Z", proofAgo: 23 * HOUR, fires: false },
    { name: "the 3rd: the upload is under way, too late to warn", now: "2026-12-03T00:00:00.000Z", proofAgo: null, fires: false },
  ])("$name", ({ now, proofAgo, fires }) => {
    const moment = at(now);
    const proof = proofAgo === null ? {} : { lastSuccessfulSendAt: ago(proofAgo, moment), lastSuccessfulSendSource: "test-transmission" };
    const evaluation = evaluateAppliance(EMPTY_MEMORY, viewAt(moment, { ...NO_ALERT_STATE, ...proof }), moment, RULES);
    expect(steps(evaluation)).toEqual(fires ? [["billing-day", "triggered", "warning"]] : []);
  });

  it("a healthy appliance whose ZVM reports no failure is not paged about, proven or not", () => {
    const moment = at("2026-12-01T10:00:00Z");
    expect(steps(evaluateAppliance(EMPTY_MEMORY, viewAt(moment), moment, RULES))).toEqual([]);
  });

  it("a failing appliance is at risk for the billing day too", () => {
    const moment = at("2026-12-01T10:00:00Z");
    const evaluation = evaluateAppliance(EMPTY_MEMORY, viewAt(moment, failing(new Date("2026-11-28T10:00:00Z"))), moment, RULES);
    expect(steps(evaluation, "billing-day")).toEqual([["billing-day", "triggered", "warning"]]);
  });

  it("an exempt appliance is never at risk", () => {
    const moment = at("2026-12-01T10:00:00Z");
    expect(steps(evaluateAppliance(EMPTY_MEMORY, viewAt(moment, { role: "test", licenseType: "NFR" }), moment, RULES))).toEqual([]);
  });

  it("fires at most once per billing day, resolves on proof, and is due again when the proof ages out", () => {
    const first = at("2026-12-01T10:00:00Z");
    const { fired, memory } = run([
      { at: first, overrides: NO_ALERT_STATE },
      { at: at("2026-12-01T11:00:00Z"), overrides: { ...NO_ALERT_STATE, lastSuccessfulSendAt: at("2026-12-01T10:30:00Z"), lastSuccessfulSendSource: "test-transmission" } },
    ]);
    expect(fired.map((event) => [event.condition, event.step])).toEqual([
      ["billing-day", "triggered"],
      ["billing-day", "resolved"],
    ]);
    const aged = at("2026-12-02T11:00:00Z");
    const later = evaluateAppliance(memory, viewAt(aged, { ...NO_ALERT_STATE, lastSuccessfulSendAt: at("2026-12-01T10:30:00Z"), lastSuccessfulSendSource: "test-transmission" }), aged, RULES);
    expect(steps(later)).toEqual([]);
  });

  it("the window closing resolves it", () => {
    const { memory } = run([{ at: at("2026-12-02T20:00:00Z"), overrides: NO_ALERT_STATE }]);
    const third = at("2026-12-03T00:00:00Z");
    expect(steps(evaluateAppliance(memory, viewAt(third, NO_ALERT_STATE), third, RULES))).toEqual([["billing-day", "resolved", "info"]]);
  });

  it("schedules itself for the moment the window opens and closes", () => {
    const before = at("2026-11-30T23:55:00Z");
    expect(evaluateAppliance(EMPTY_MEMORY, viewAt(before), before, RULES).nextDueAt.toISOString()).toBe("2026-12-01T00:00:00.000Z");
    const inside = at("2026-12-02T23:55:00Z");
    const open = evaluateAppliance(EMPTY_MEMORY, viewAt(inside), inside, RULES);
    expect(open.nextDueAt.toISOString()).toBe("2026-12-03T00:00:00.000Z");
  });
});

describe("coverOf", () => {
  it.each([
    { daysLeft: 14, covered: null },
    { daysLeft: 10, covered: 10 },
    { daysLeft: 7, covered: 10 },
    { daysLeft: 5, covered: 5 },
    { daysLeft: 4, covered: 5 },
    { daysLeft: 0, covered: 1 },
    { daysLeft: null, covered: null },
  ])("$daysLeft days left covers the reminders down to $covered", ({ daysLeft, covered }) => {
    expect(coverOf(daysLeft, [10, 5, 3, 2, 1])).toBe(covered);
  });
});
