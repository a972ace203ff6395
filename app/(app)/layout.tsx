import Link from "next/link";
import { OutageBanner } from "@/components/connection/outage-banner";
import { SignOutButton } from "@/components/sign-out-button";
import { requirePageActor } from "@/lib/auth/page-guard";
import { hasRole } from "@/lib/auth/roles";

export const dynamic = "force-dynamic";

const linkClass = "shrink-0 rounded px-2 py-1.5 text-sm whitespace-nowrap text-slate-100 hover:bg-slate-700";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const { actor } = await requirePageActor("viewer");
  const admin = hasRole(actor, "admin");
  const links = [
    { href: "/", label: "Fleet" },
    { href: "/wall", label: "Wall view" },
    { href: "/migration", label: "9.0 migration" },
    { href: "/compliance", label: "Compliance" },
    { href: "/alerts", label: "Alerts" },
    // Operators read where alerts go; admins change it.
    ...(hasRole(actor, "operator") ? [{ href: "/admin/channels", label: "Channels" }] : []),
  ];
  const adminLinks = [
    { href: "/admin/appliances", label: "Appliances" },
    { href: "/admin/users", label: "Users" },
    { href: "/admin/tokens", label: "API tokens" },
    { href: "/admin/alert-catalog", label: "Alert catalogue" },
    { href: "/admin/settings", label: "Settings" },
    { href: "/admin/audit", label: "Audit log" },
  ];
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="bg-slate-900 text-white print:hidden">
        <nav className="mx-auto flex max-w-[1600px] items-center gap-0.5 px-4 py-2" aria-label="Main" data-testid="main-nav">
          <Link href="/" className="mr-2 shrink-0 font-semibold tracking-tight">
            Lifeline
          </Link>
          {links.map((link) => (
            <Link key={link.href} href={link.href} className={linkClass}>
              {link.label}
            </Link>
          ))}
          {admin ? (
            <>
              <span aria-hidden="true" className="mx-1 h-5 w-px bg-slate-600" />
              {adminLinks.map((link) => (
                <Link key={link.href} href={link.href} className={linkClass}>
                  {link.label}
                </Link>
              ))}
            </>
          ) : null}
          <span className="ml-auto min-w-0 truncate pl-2 text-sm text-slate-300" data-testid="signed-in-as" title={`${actor.label} · ${actor.role}`}>
            {actor.label} · {actor.role}
          </span>
          <SignOutButton />
        </nav>
      </header>
      <main id="main" className="mx-auto max-w-[1600px] px-4 py-6 print:max-w-none print:p-0">
        {/* Shown while the server cannot be reached; the page below keeps its last data. */}
        <div className="mb-4 empty:hidden print:hidden">
          <OutageBanner />
        </div>
        {children}
      </main>
    </div>
  );
}
