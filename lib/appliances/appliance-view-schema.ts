import { z } from "zod";
import { ZVM_AUTH_CHOICES } from "@/lib/zvm/types";
import { applianceTagsSchema } from "./appliance-schemas";

// The appliance as every screen and the REST API show it (times ISO 8601 UTC):
// the type the code builds and the OpenAPI document's response shape both come from here.

const isoTime = z.iso.datetime();
const nullableTime = isoTime.nullable();

export const statusReasonSchema = z.object({
  code: z.string(),
  message: z.string(),
  severity: z.enum(["info", "warning", "critical"]),
});

export const applianceViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(["zvm", "zca"]),
  role: z.enum(["production", "test"]),
  mode: z.enum(["polled", "reporting"]),
  url: z.string(),
  tags: applianceTagsSchema,
  authScheme: z.enum(ZVM_AUTH_CHOICES),
  tlsFingerprintSha256: z.string().nullable(),
  trustOnFirstUse: z.boolean(),
  tlsCertificateChangedAt: nullableTime,
  siteName: z.string().nullable(),
  version: z.string().nullable(),
  licenseType: z.string().nullable(),
  billingStatus: z.enum(["ok", "warning", "critical", "disconnected", "exempt", "stale", "unknown"]),
  statusReasons: z.array(statusReasonSchema),
  lastSuccessfulSendAt: nullableTime,
  lastSuccessfulSendSource: z.enum(["test-transmission", "collector"]).nullable(),
  noFailureReportedAt: nullableTime,
  failingSince: nullableTime,
  disconnectAt: nullableTime,
  daysUntilDisconnect: z.int().min(0).nullable(),
  clockSkewSeconds: z.number().nullable(),
  migrationReadiness: z.enum(["ready", "blocked", "pending-upgrade", "unknown"]),
  newEndpointReachability: z.enum(["reachable", "unreachable", "unknown"]),
  vras: z
    .object({ total: z.int(), states: z.record(z.string(), z.int()), connectionAlerts: z.int().nullable() })
    .nullable()
    .describe("VRAs by install state (VraStatus), and the ZVM's VRA connection alerts (ZVM0002, VRA0005)"),
  lastPolledAt: nullableTime,
  lastPollError: z.string().nullable().describe("the last failed poll in words, with the fix"),
  lastPollProblem: z.string().nullable().describe('the same in a few words ("credentials rejected"), as in "never reached: …"'),
  pollWarnings: z.array(z.string()).describe("what the last successful poll could not read and ignored"),
  sendForbiddenAt: nullableTime.describe("sendUsage answered 403 (the account may not send); scheduled tests wait for new credentials"),
});

export type ApplianceView = z.infer<typeof applianceViewSchema>;
