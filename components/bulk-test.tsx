"use client";

import { startTransition, useActionState, useEffect, useState } from "react";

export interface BulkActionState {
  ok: boolean;
  message: string;
  bulkId?: string;
}

type Action = (previous: BulkActionState, form: FormData) => Promise<BulkActionState>;

interface Progress {
  total: number;
  done: number;
  pending: number;
  running: number;
  passed: number;
  failed: number;
  error: number;
}

/** Follows a bulk test request until every transmission in it has finished. */
export function BulkProgress({ bulkId }: { bulkId: string }) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const read = async () => {
      try {
        const response = await fetch(`/api/v1/test-transmissions/bulk/${bulkId}`, { cache: "no-store" });
        if (!response.ok) throw new Error(`answered ${response.status}`);
        const next = (await response.json()) as Progress;
        if (stopped) return;
        setProgress(next);
        setProblem(null);
        if (next.done < next.total) timer = setTimeout(read, 1_000);
      } catch (error) {
        if (stopped) return;
        setProblem(`Progress unavailable (${(error as Error).message}); retrying.`);
        timer = setTimeout(read, 3_000);
      }
    };
    void read();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [bulkId]);
  if (!progress) return <p className="text-sm text-slate-600">{problem ?? "Reading progress…"}</p>;
  const percent = progress.total === 0 ? 100 : Math.round((progress.done / progress.total) * 100);
  const finished = progress.done >= progress.total;
  return (
    <div className="w-full max-w-xl space-y-1" data-testid="bulk-progress" data-finished={finished}>
      <progress className="h-3 w-full" max={progress.total} value={progress.done} aria-label="Test transmissions finished">
        {percent} %
      </progress>
      <p role="status" className="text-sm">
        {finished ? "Finished: " : "Running: "}
        <span data-testid="bulk-done">
          {progress.done} of {progress.total} done
        </span>{" "}
        · ✓ {progress.passed} passed · ✕ {progress.failed} failed · ⚠ {progress.error} could not run
        {progress.pending + progress.running > 0 ? ` · ${progress.pending + progress.running} waiting or running` : ""}
      </p>
      {problem ? <p className="text-sm text-amber-900">{problem}</p> : null}
    </div>
  );
}

/** A button that starts a bulk test through a server action, then shows its progress live. */
export function BulkTestButton({
  action,
  label,
  children,
  disabled = false,
}: {
  action: Action;
  label: string;
  children?: React.ReactNode;
  disabled?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false, message: "" });
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  return (
    <div className="space-y-2 print:hidden">
      <form onSubmit={submit} className="flex flex-wrap items-center gap-2">
        {children}
        <button
          type="submit"
          disabled={pending || disabled}
          className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
        >
          {pending ? "Requesting…" : label}
        </button>
      </form>
      {state.message ? (
        <p role={state.ok ? "status" : "alert"} className={`text-sm ${state.ok ? "text-green-800" : "text-red-800"}`}>
          {state.message}
        </p>
      ) : null}
      {state.bulkId ? <BulkProgress key={state.bulkId} bulkId={state.bulkId} /> : null}
    </div>
  );
}
