import type { HeartbeatInput } from "@/lib/heartbeats/heartbeat-schema";
import type { ResultBody } from "./outbox";

export interface LifelineAnswer {
  status: number;
  body: unknown;
  /** Seconds Lifeline asked to wait (429, 503). */
  retryAfterSeconds: number | null;
}

/** Lifeline's collector API. Network failures and timeouts throw; any HTTP answer is returned. */
export class LifelineClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly timeoutMs = 30_000,
  ) {}

  postHeartbeats(heartbeats: readonly HeartbeatInput[], patternsVersion: string | null): Promise<LifelineAnswer> {
    const headers: Record<string, string> = {};
    if (patternsVersion !== null) headers["x-lifeline-alert-patterns"] = patternsVersion;
    return this.post("/api/v1/heartbeats", { heartbeats }, headers);
  }

  postResult(id: string, body: ResultBody): Promise<LifelineAnswer> {
    return this.post(`/api/v1/test-transmissions/${encodeURIComponent(id)}/result`, body);
  }

  private async post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<LifelineAnswer> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${this.token}`, ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = { unparsable: text.slice(0, 200) };
    }
    const retryAfter = Number(response.headers.get("retry-after"));
    return { status: response.status, body: parsed, retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null };
  }
}
