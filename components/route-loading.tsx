/** Shown while a screen's data loads. */
export function RouteLoading({ what, tone = "light" }: { what: string; tone?: "light" | "dark" }) {
  return (
    <div role="status" aria-live="polite" className={`m-4 flex items-center gap-3 ${tone === "dark" ? "text-slate-200" : "text-slate-700"}`}>
      <span aria-hidden="true" className="inline-block h-4 w-4 animate-spin rounded-full border-2 border-current border-t-transparent" />
      Loading {what}…
    </div>
  );
}
