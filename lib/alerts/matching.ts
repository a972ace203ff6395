import type { ApplianceTags } from "@/lib/appliances/appliance-schemas";
import { severityAtLeast, type AlertCondition, type Severity } from "./conditions";

// Pure: which routing rules and silences apply to one event.

export const TAG_KEYS = ["tenant", "region", "vcenter", "label"] as const;

/** "tenant:acme" matches appliances whose tenant is acme; "label:gold" those labelled gold. */
export function tagMatches(tag: string, tags: ApplianceTags): boolean {
  const colon = tag.indexOf(":");
  if (colon <= 0) return false;
  const key = tag.slice(0, colon);
  const value = tag.slice(colon + 1).toLowerCase();
  switch (key) {
    case "tenant":
    case "region":
    case "vcenter":
      return tags[key]?.toLowerCase() === value;
    case "label":
      return (tags.labels ?? []).some((label) => label.toLowerCase() === value);
    default:
      return false;
  }
}

export interface RouteRule {
  channelId: string;
  minSeverity: Severity;
  tag: string | null;
  conditions: readonly string[];
}

export interface RoutedEvent {
  condition: AlertCondition;
  severity: Severity;
  tags: ApplianceTags;
}

export function routeMatches(route: RouteRule, event: RoutedEvent): boolean {
  return (
    severityAtLeast(event.severity, route.minSeverity) &&
    (route.tag === null || tagMatches(route.tag, event.tags)) &&
    (route.conditions.length === 0 || route.conditions.includes(event.condition))
  );
}

/** The channels whose rules take a new step (started, reminder, triggered…). */
export function channelsFor(event: RoutedEvent, routes: readonly RouteRule[]): string[] {
  return [...new Set(routes.filter((route) => routeMatches(route, event)).map((route) => route.channelId))];
}

export interface SilenceRule {
  applianceId: string | null;
  tag: string | null;
  condition: string | null;
  startsAt: Date;
  endsAt: Date;
}

/** Every matcher given must match; a silence with no matcher matches nothing. */
export function silenceMatches(
  silence: SilenceRule,
  target: { applianceId: string; tags: ApplianceTags; condition: string },
  now: Date,
): boolean {
  if (silence.applianceId === null && silence.tag === null && silence.condition === null) return false;
  if (now.getTime() < silence.startsAt.getTime() || now.getTime() >= silence.endsAt.getTime()) return false;
  return (
    (silence.applianceId === null || silence.applianceId === target.applianceId) &&
    (silence.tag === null || tagMatches(silence.tag, target.tags)) &&
    (silence.condition === null || silence.condition === target.condition)
  );
}

/** When the last matching silence ends, or null when none holds the event now. */
export function heldUntil(
  silences: readonly SilenceRule[],
  target: { applianceId: string; tags: ApplianceTags; condition: string },
  now: Date,
): Date | null {
  let until: Date | null = null;
  for (const silence of silences) {
    if (silenceMatches(silence, target, now) && (until === null || silence.endsAt > until)) until = silence.endsAt;
  }
  return until;
}
