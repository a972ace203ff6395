import Link from "next/link";
import { StatusBadge } from "@/components/status-badge";
import type { ApplianceView } from "@/lib/appliances/appliance-view";
import { renderedAtText } from "@/lib/appliances/appliance-page-view";
import { disconnectHeadline } from "@/lib/appliances/send-wording";

/** Breadcrumb, name, status and days left, and how fresh this render is. */
export function ApplianceHeader({ appliance, refreshSeconds, now }: { appliance: ApplianceView; refreshSeconds: number; now: Date }) {
  const headline = disconnectHeadline(appliance, now);
  return (
    <>
      <p className="text-sm print:hidden">
        <Link href="/" className="text-blue-800 underline">
          Fleet
        </Link>{" "}
        / {appliance.name}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{appliance.name}</h1>
        <StatusBadge status={appliance.billingStatus} />
        {headline ? (
          <span className="text-sm font-medium" data-testid="days-left">
            {headline}
          </span>
        ) : null}
        <span className="ml-auto text-xs text-slate-600">
          data from {renderedAtText(now)} UTC · refreshes every {refreshSeconds} s
        </span>
      </div>
    </>
  );
}
