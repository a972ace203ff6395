import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { z } from "zod";

// Real receivers on loopback for the alerting tests. They check what arrives
// against the published contracts (written here independently of lib/channels)
// and record it.

export interface Received {
  at: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: unknown;
  /** Webhook receivers: the X-Lifeline-Signature matched HMAC-SHA256(secret, timestamp + "." + body). */
  verified?: boolean;
  /** PagerDuty receiver: the problems with the Events v2 payload, empty when valid. */
  problems?: string[];
}

export interface HttpReceiver {
  url: string;
  port: number;
  received: Received[];
  /** Answer with this status (default 200/202). */
  status: number | null;
  /** Accept requests but never answer, as a receiver that hangs. */
  hang: boolean;
  /** Stop listening (connections refused), and listen again on the same port. */
  down(): Promise<void>;
  up(): Promise<void>;
  clear(): void;
  close(): Promise<void>;
}

type Handler = (request: http.IncomingMessage, body: string, receiver: HttpReceiver) => { status: number; body: string; record: Partial<Received> };

async function startHttpReceiver(handler: Handler): Promise<HttpReceiver> {
  let server: http.Server;
  const hanging = new Set<http.ServerResponse>();
  const receiver: HttpReceiver = {
    url: "",
    port: 0,
    received: [],
    status: null,
    hang: false,
    async down() {
      for (const response of hanging) response.destroy();
      hanging.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    async up() {
      await listen(receiver.port);
    },
    clear() {
      receiver.received.length = 0;
    },
    async close() {
      if (server.listening) await receiver.down();
    },
  };
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server = http.createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on("data", (chunk: Buffer) => chunks.push(chunk));
        request.on("end", () => {
          const body = Buffer.concat(chunks).toString("utf8");
          const answer = handler(request, body, receiver);
          let json: unknown = null;
          try {
            json = JSON.parse(body);
          } catch {
            json = null;
          }
          receiver.received.push({ at: Date.now(), headers: request.headers, body, json, ...answer.record });
          if (receiver.hang) {
            hanging.add(response);
            return;
          }
          response.writeHead(receiver.status ?? answer.status, { "content-type": "application/json" });
          response.end(answer.body);
        });
      });
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        receiver.port = (server.address() as AddressInfo).port;
        receiver.url = `http://127.0.0.1:${receiver.port}`;
        resolve();
      });
    });
  await listen(0);
  return receiver;
}

/** A generic webhook receiver that verifies Lifeline's signature. */
export function startWebhookReceiver(secret: () => string): Promise<HttpReceiver> {
  return startHttpReceiver((request, body) => {
    const timestamp = String(request.headers["x-lifeline-timestamp"] ?? "");
    const signature = String(request.headers["x-lifeline-signature"] ?? "");
    const expected = `sha256=${crypto.createHmac("sha256", secret()).update(`${timestamp}.${body}`).digest("hex")}`;
    const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
    return { status: 200, body: "{}", record: { verified: fresh && signature === expected } };
  });
}

/** Slack and Teams incoming webhooks: any JSON accepted, as the services do. */
export function startChatReceiver(): Promise<HttpReceiver> {
  return startHttpReceiver(() => ({ status: 200, body: "ok", record: {} }));
}

const triggerSchema = z
  .object({
    routing_key: z.string().min(1).max(100),
    event_action: z.literal("trigger"),
    dedup_key: z.string().min(1).max(255),
    payload: z.object({
      summary: z.string().min(1).max(1024),
      source: z.string().min(1),
      severity: z.enum(["critical", "error", "warning", "info"]),
      timestamp: z.iso.datetime().optional(),
      component: z.string().optional(),
      group: z.string().optional(),
      class: z.string().optional(),
      custom_details: z.record(z.string(), z.unknown()).optional(),
    }),
    client: z.string().optional(),
    client_url: z.url().optional(),
    links: z.array(z.object({ href: z.url(), text: z.string() })).optional(),
  })
  .strict();

const followUpSchema = z
  .object({ routing_key: z.string().min(1).max(100), event_action: z.enum(["acknowledge", "resolve"]), dedup_key: z.string().min(1).max(255) })
  .strict();

/** PagerDuty's Events API v2 enqueue endpoint: checks the payload, answers 202 or 400 like the real one. */
export function startPagerDutyReceiver(routingKey: string): Promise<HttpReceiver> {
  return startHttpReceiver((_request, body) => {
    let event: unknown;
    try {
      event = JSON.parse(body);
    } catch {
      return { status: 400, body: JSON.stringify({ status: "invalid event", message: "Event object is invalid" }), record: { problems: ["not JSON"] } };
    }
    const action = (event as { event_action?: unknown }).event_action;
    const parsed = (action === "trigger" ? triggerSchema : followUpSchema).safeParse(event);
    const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    if ((event as { routing_key?: unknown }).routing_key !== routingKey) problems.push("routing_key: unknown integration");
    if (problems.length > 0) {
      return { status: 400, body: JSON.stringify({ status: "invalid event", message: "Event object is invalid", errors: problems }), record: { problems } };
    }
    const dedupKey = (event as { dedup_key: string }).dedup_key;
    return { status: 202, body: JSON.stringify({ status: "success", message: "Event processed", dedup_key: dedupKey }), record: { problems } };
  });
}

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  subject: string;
  messageId: string;
  text: string;
}

export interface SmtpReceiver {
  port: number;
  mails: ReceivedMail[];
  close(): Promise<void>;
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=), as mail clients show them. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset: string, encoding: string, text: string) =>
      encoding.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1").toString("utf8"),
    );
}

function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, " ");
  const match = new RegExp(`^${name}:\\s*(.*)$`, "im").exec(head);
  return match ? decodeWords(match[1].trim()) : "";
}

/** A real SMTP server on loopback (no TLS, no auth) that keeps every mail. */
export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw,
          subject: header(raw, "Subject"),
          messageId: header(raw, "Message-ID"),
          text: raw.split(/\r?\n\r?\n/).slice(1).join("\n\n"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
