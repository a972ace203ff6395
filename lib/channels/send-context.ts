import type { AllowList } from "./target-policy";

/** What every sender needs besides the channel and the notification. */
export interface SendContext {
  /** The same on every attempt of one message. */
  idempotencyKey: string;
  timeoutMs: number;
  allow: AllowList;
  signal?: AbortSignal;
  now(): Date;
  /** PagerDuty: events of this message already accepted by an earlier attempt. */
  progress?: number;
  /** PagerDuty: called after each accepted event, so a crash loses no progress. */
  onProgress?(accepted: number): Promise<void>;
}
