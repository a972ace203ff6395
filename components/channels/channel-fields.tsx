"use client";

import { useState } from "react";
import { Field, SelectField } from "@/components/field";

const TYPES = ["webhook", "slack", "teams", "pagerduty", "email"] as const;
type ChannelType = (typeof TYPES)[number];

const TYPE_LABELS: Record<ChannelType, string> = {
  webhook: "Generic webhook (signed JSON)",
  slack: "Slack incoming webhook",
  teams: "Microsoft Teams webhook",
  pagerduty: "PagerDuty Events API v2",
  email: "Email (SMTP)",
};

/**
 * The fields of one channel type. On a new channel the type can be chosen; on
 * an existing one it is fixed and secret fields may stay empty to keep them.
 */
export function ChannelFields({
  fixedType,
  editing = false,
  defaults = {},
}: {
  fixedType?: ChannelType;
  editing?: boolean;
  /** Current values of the fields that are not secret. */
  defaults?: Partial<Record<"endpoint" | "host" | "port" | "security" | "username" | "from" | "to", string>>;
}) {
  const [type, setType] = useState<ChannelType>(fixedType ?? "webhook");
  const keep = editing ? " (empty keeps the stored one)" : "";
  return (
    <>
      {fixedType ? (
        <input type="hidden" name="type" value={fixedType} />
      ) : (
        <label className="block">
          <span className="text-sm font-medium">Type</span>
          <select
            name="type"
            value={type}
            onChange={(event) => setType(event.target.value as ChannelType)}
            className="mt-1 w-full rounded border border-slate-300 bg-white px-3 py-1.5"
          >
            {TYPES.map((option) => (
              <option key={option} value={option}>
                {TYPE_LABELS[option]}
              </option>
            ))}
          </select>
        </label>
      )}
      {type === "webhook" || type === "slack" || type === "teams" ? (
        <Field label={`Webhook URL${keep}`} name="url" required={!editing} maxLength={2048} autoComplete="off" placeholder="https://" />
      ) : null}
      {type === "webhook" ? (
        <Field label={`Signing secret (optional; generated when empty)${keep}`} name="signingSecret" maxLength={200} autoComplete="off" />
      ) : null}
      {type === "pagerduty" ? (
        <>
          <Field label={`Routing key${keep}`} name="routingKey" required={!editing} maxLength={100} autoComplete="off" />
          <Field label="Events API endpoint (optional)" name="endpoint" defaultValue={defaults.endpoint} maxLength={2048} placeholder="https://events.pagerduty.com/v2/enqueue" />
        </>
      ) : null}
      {type === "email" ? (
        <div className="grid grid-cols-2 gap-3">
          <Field label="SMTP host" name="host" defaultValue={defaults.host} required={!editing} maxLength={255} />
          <Field label="SMTP port" name="port" type="number" defaultValue={defaults.port} min={1} max={65535} placeholder="587" />
          <SelectField label="Security" name="security" defaultValue={defaults.security} options={["starttls", "tls", "none"]} />
          <Field label="SMTP username (optional)" name="username" defaultValue={defaults.username} maxLength={200} autoComplete="off" />
          <Field label={`SMTP password${keep}`} name="password" type="password" maxLength={500} autoComplete="new-password" />
          <Field label="From" name="from" type="email" defaultValue={defaults.from} required={!editing} maxLength={254} />
          <Field label="To (comma-separated)" name="to" defaultValue={defaults.to} required={!editing} maxLength={2000} className="col-span-2" />
        </div>
      ) : null}
    </>
  );
}
