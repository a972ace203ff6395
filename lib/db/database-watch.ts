import { getLogger } from "@/lib/log";
import { databaseFaultOf } from "./database-errors";

export interface DatabaseState {
  reachable: boolean;
  /** Since when the database has been (un)reachable, as far as this process knows. */
  since: Date;
  /** Why it was last found unreachable. */
  reason?: string;
}

const PROBE_TIMEOUT_MS = 3_000;

/** The reason shown for an error: its code when it has one, else the first line of its message. */
function reasonOf(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === "string" ? message.split("\n").find((line) => line.trim() !== "") ?? "" : String(error);
  return (typeof code === "string" ? `${code}: ${text}` : text).slice(0, 200);
}

/**
 * Whether this process can reach its database. A lost connection (a server that
 * restarts, refuses or crashes) marks it unreachable at once; only a probe that
 * gets through marks it reachable again, and probes run when asked for (check),
 * at most one at a time. Answers can then be 503 without touching the database.
 */
export class DatabaseWatch {
  private state: DatabaseState = { reachable: true, since: new Date() };
  private probing: Promise<boolean> | null = null;
  private probedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly probe: () => Promise<unknown>) {}

  get current(): DatabaseState {
    return this.state;
  }

  get reachable(): boolean {
    return this.state.reachable;
  }

  /**
   * An error from the database or its connections: unreachable when its codes
   * say so; an error the server itself answered with (a SQLSTATE) proves it is
   * there; anything else is settled by a probe.
   */
  noteFailure(error: unknown): void {
    const fault = databaseFaultOf(error);
    if (fault === "unreachable") this.markUnreachable(reasonOf(error));
    else if (fault === null && typeof (error as { severity?: unknown } | null)?.severity !== "string") void this.check();
  }

  /** Probes the database unless a probe ended less than `maxAgeMs` ago; true when it answered. */
  check(maxAgeMs = 1_000): Promise<boolean> {
    if (this.probing) return this.probing;
    if (performance.now() - this.probedAt < maxAgeMs) return Promise.resolve(this.state.reachable);
    // Started on the next tick, once this.probing is set: a probe whose own failure is noted joins it instead of starting another.
    this.probing = Promise.resolve()
      .then(() => this.runProbe())
      .finally(() => {
        this.probedAt = performance.now();
        this.probing = null;
      });
    return this.probing;
  }

  private async runProbe(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.probe(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS / 1000} s`)), PROBE_TIMEOUT_MS);
          timer.unref?.();
        }),
      ]);
      this.markReachable();
      return true;
    } catch (error) {
      this.markUnreachable(reasonOf(error));
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  private markUnreachable(reason: string): void {
    if (!this.state.reachable) {
      this.state = { ...this.state, reason };
      return;
    }
    this.state = { reachable: false, since: new Date(), reason };
    getLogger().warn({ reason }, "database unreachable; answering 503 until it is back");
  }

  private markReachable(): void {
    if (this.state.reachable) return;
    const outageSeconds = Math.round((Date.now() - this.state.since.getTime()) / 100) / 10;
    this.state = { reachable: true, since: new Date() };
    getLogger().info({ outageSeconds }, "database reachable again");
  }
}
