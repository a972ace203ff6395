import crypto from "node:crypto";
import type { Appliance } from "@/lib/generated/prisma/client";
import { zvmTargetOf } from "@/lib/appliances/zvm-target";
import { createZvmSession, type ZvmSession } from "@/lib/zvm";

interface Entry {
  key: string;
  session: ZvmSession;
}

export interface SessionCacheOptions {
  connectTimeoutMs: number;
  requestTimeoutMs: number;
}

/** The settings a ZVM session's timeouts follow. */
export type SessionTimeoutSettings = { pollTimeoutSeconds: number };

/**
 * A ZVM session's timeouts from the settings: no single request may outlast the
 * poll timeout, and a connection gets at most 5 s of it.
 */
export function sessionTimeoutsOf(settings: SessionTimeoutSettings): SessionCacheOptions {
  const pollTimeoutMs = settings.pollTimeoutSeconds * 1_000;
  return { connectTimeoutMs: Math.min(5_000, pollTimeoutMs), requestTimeoutMs: pollTimeoutMs };
}

/**
 * One ZVM session per appliance, kept across polls so tokens and connections
 * are reused; replaced when the appliance's address, credentials or trust
 * change, or when the timeouts the settings give change.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: (settings: SessionTimeoutSettings) => SessionCacheOptions = sessionTimeoutsOf) {}

  get(appliance: Appliance, settings: SessionTimeoutSettings): ZvmSession {
    const options = this.options(settings);
    const key = crypto
      .createHash("sha256")
      .update(
        [appliance.url, appliance.username, appliance.passwordSealed, appliance.authScheme, appliance.tlsFingerprintSha256 ?? "", String(appliance.trustOnFirstUse), options.connectTimeoutMs, options.requestTimeoutMs].join("\u0000"),
      )
      .digest("hex");
    const existing = this.entries.get(appliance.id);
    if (existing?.key === key) return existing.session;
    if (existing) void existing.session.close().catch(() => undefined);
    const session = createZvmSession(zvmTargetOf(appliance), options);
    this.entries.set(appliance.id, { key, session });
    return session;
  }

  /** Drops sessions of appliances that no longer exist. */
  retain(ids: Set<string>): void {
    for (const [id, entry] of this.entries) {
      if (!ids.has(id)) {
        void entry.session.close().catch(() => undefined);
        this.entries.delete(id);
      }
    }
  }

  async closeAll(): Promise<void> {
    await Promise.allSettled([...this.entries.values()].map((entry) => entry.session.close()));
    this.entries.clear();
  }
}
