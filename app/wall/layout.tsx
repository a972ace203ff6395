export const dynamic = "force-dynamic";

/** The NOC wall screen: dark, no navigation chrome. */
export default function WallLayout({ children }: { children: React.ReactNode }) {
  return <div className="min-h-screen bg-slate-950 text-slate-50 [color-scheme:dark]">{children}</div>;
}
