import { TimeAgo } from "@/components/time-ago";
import type { TestTransmissionView } from "@/lib/test-transmissions/test-transmission-view";

/** The appliance's latest test transmissions, who asked for each and how it ended. */
export function ApplianceTransmissionsSection({ transmissions, now }: { transmissions: TestTransmissionView[]; now: Date }) {
  return (
    <section>
      <h2 className="text-lg font-semibold">Test transmissions</h2>
      <table className="mt-2 w-full text-sm" data-testid="transmissions">
        <thead>
          <tr className="border-b text-left text-slate-700">
            <th className="py-1">Requested</th>
            <th>By</th>
            <th>Status</th>
            <th>Detail</th>
          </tr>
        </thead>
        <tbody>
          {transmissions.length === 0 ? (
            <tr>
              <td colSpan={4} className="py-2 text-slate-700">
                None yet.
              </td>
            </tr>
          ) : null}
          {transmissions.map((transmission) => (
            <tr key={transmission.id} className="border-b">
              <td className="py-1">
                <TimeAgo at={transmission.requestedAt} now={now} />
              </td>
              <td>{transmission.requestedBy}</td>
              <td data-testid="transmission-status">{transmission.status}</td>
              <td>{transmission.detail ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
