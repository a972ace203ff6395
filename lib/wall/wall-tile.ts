import type { ApplianceView } from "@/lib/appliances/appliance-view";
import { classifyLicence } from "@/lib/billing/licence";
import type { BillingStatus } from "@/lib/billing";

/** What one wall tile says: the appliance, and why it needs attention, in a few words. */
export interface WallTile {
  id: string;
  name: string;
  status: BillingStatus;
  daysLeft: number | null;
  /** The reason, never the status word again: "VRAs disconnected for 2 d", "3 days left", "trial licence on production". */
  reason: string;
  /** Tenant, region and how long sends have failed, for the larger tiles. */
  detail: string;
}

/** Whole units, rounded down, as the rest of the product writes ages ("5 d", "3 h"). */
export function formatSpan(milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  if (seconds < 3600) return `${Math.max(1, Math.floor(seconds / 60))} min`;
  if (seconds < 172_800) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86_400)} d`;
}

const daysLeftWords = (days: number) => (days === 0 ? "under a day left" : `${days} ${days === 1 ? "day" : "days"} left`);

function misfitWords(view: Pick<ApplianceView, "role" | "licenseType">): string {
  const licence = classifyLicence(view.licenseType);
  if (view.role === "production") return `${licence === "nfr" ? "NFR" : "trial"} licence on production`;
  return "production licence on a test site";
}

function reasonOf(view: TileSource, now: Date): string {
  const firstReason = view.statusReasons[0]?.message ?? "";
  switch (view.billingStatus) {
    case "disconnected": {
      const since = view.disconnectAt ? now.getTime() - new Date(view.disconnectAt).getTime() : -1;
      return since > 0 ? `VRAs disconnected for ${formatSpan(since)}` : "VRAs disconnected";
    }
    case "critical":
    case "warning":
      if (view.daysUntilDisconnect !== null) return daysLeftWords(view.daysUntilDisconnect);
      if (view.statusReasons.some((reason) => reason.code === "licence-misfit")) return misfitWords(view);
      return firstReason || "needs attention";
    case "stale": {
      const quiet = view.lastDataAt ? `no fresh data for ${formatSpan(now.getTime() - new Date(view.lastDataAt).getTime())}` : firstReason || "no data";
      return view.daysUntilDisconnect !== null ? `${quiet} · ${daysLeftWords(view.daysUntilDisconnect)}` : quiet;
    }
    case "unknown":
      return "not read yet";
    default:
      return firstReason;
  }
}

function detailOf(view: TileSource, now: Date): string {
  const parts = [view.tags.tenant, view.tags.region].filter((part): part is string => Boolean(part));
  if (view.failingSince) parts.push(`no proof of send for ${formatSpan(now.getTime() - new Date(view.failingSince).getTime())}`);
  return parts.join(" · ") || "no tenant";
}

export type TileSource = Pick<
  ApplianceView,
  "id" | "name" | "billingStatus" | "daysUntilDisconnect" | "disconnectAt" | "failingSince" | "statusReasons" | "role" | "licenseType" | "tags"
> & { lastDataAt?: string | null };

export function toWallTile(view: TileSource, now: Date): WallTile {
  return {
    id: view.id,
    name: view.name,
    status: view.billingStatus,
    daysLeft: view.daysUntilDisconnect,
    reason: reasonOf(view, now),
    detail: detailOf(view, now),
  };
}
