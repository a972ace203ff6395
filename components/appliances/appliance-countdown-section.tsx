import { CountdownBar } from "@/components/countdown-bar";
import type { ApplianceView } from "@/lib/appliances/appliance-view";

/** The countdown to the VRA disconnect, shown only while the appliance is failing. */
export function ApplianceCountdownSection({ appliance, criticalDays, now }: { appliance: ApplianceView; criticalDays: number; now: Date }) {
  if (!appliance.failingSince || !appliance.disconnectAt || appliance.daysUntilDisconnect === null) return null;
  return (
    <section aria-label="Countdown to VRA disconnect" className="rounded border border-slate-300 bg-white p-4">
      <CountdownBar
        failingSince={appliance.failingSince}
        disconnectAt={appliance.disconnectAt}
        daysLeft={appliance.daysUntilDisconnect}
        now={now}
        criticalDays={criticalDays}
      />
    </section>
  );
}
