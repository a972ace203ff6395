import type { AlertChannel, AlertRoute } from "@/lib/generated/prisma/client";
import type { ChannelConfig } from "./channel-schemas";

/** A channel as the admin screens and the REST API show it: never its secrets. */
export interface ChannelView {
  id: string;
  name: string;
  type: AlertChannel["type"];
  enabled: boolean;
  /** Where it sends, with the secret parts left out. */
  target: string;
  config: ChannelConfig;
  routes: { id: string; minSeverity: AlertRoute["minSeverity"]; tag: string | null; conditions: string[] }[];
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
  lastTestAt: string | null;
  lastTestResult: string | null;
  /** Messages waiting for delivery, and given up. */
  queue: { pending: number; failed: number };
}

export function toChannelView(row: AlertChannel & { routes: AlertRoute[] }, queue = { pending: 0, failed: 0 }): ChannelView {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    enabled: row.enabled,
    target: row.targetHint,
    config: (row.config ?? {}) as ChannelConfig,
    routes: [...row.routes]
      .sort((a, b) => a.position - b.position)
      .map((route) => ({ id: route.id, minSeverity: route.minSeverity, tag: route.tag, conditions: route.conditions })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    createdBy: row.createdBy,
    lastTestAt: row.lastTestAt ? row.lastTestAt.toISOString() : null,
    lastTestResult: row.lastTestResult,
    queue,
  };
}

/** "https://hooks.slack.com/…": enough to recognise a target, not enough to use it. */
export function urlHint(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}/…`;
}

export function pagerDutyHint(endpoint: string, routingKey: string): string {
  return `${new URL(endpoint).host} · routing key …${routingKey.slice(-4)}`;
}

export function emailHint(config: { host: string; port: number; to: string[] }): string {
  return `smtp://${config.host}:${config.port} → ${config.to.join(", ")}`.slice(0, 500);
}
