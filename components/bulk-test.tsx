"use client";

import Link from "next/link";
import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import type { BulkFailure } from "@/lib/test-transmissions/get-bulk-progress";

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
  failures: BulkFailure[];
}

function FailureList({ progress }: { progress: Progress }) {
  if (progress.failures.length === 0) return null;
  const unlisted = progress.failed + progress.error - progress.failures.length;
  return (
    <div className="rounded border border-red-300 bg-red-50 p-2 text-sm" data-testid="bulk-failures">
      <p className="font-medium text-red-900">Failed or could not run:</p>
      <ul className="mt-1 space-y-0.5">
        {progress.failures.map((failure) => (
          <li key={failure.testTransmissionId} data-testid="bulk-failure" data-name={failure.name}>
            <Link className="font-medium text-blue-800 underline" href={`/appliances/${failure.applianceId}`}>
              {failure.name}
            </Link>{" "}
            <span className="text-red-900">{failure.status === "failed" ? "failed" : "could not run"}</span>
            {failure.detail ? <span className="text-slate-800">: {failure.detail}</span> : null}
          </li>
        ))}
      </ul>
      {unlisted > 0 ? <p className="mt-1 text-slate-700">…and {unlisted} more; each appliance&apos;s page has its result.</p> : null}
    </div>
  );
}

/** Follows a bulk test request until every transmission in it has finished, then names the failures. */
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
    <div className="w-full max-w-2xl space-y-1" data-testid="bulk-progress" data-finished={finished}>
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
      <FailureList progress={progress} />
      {problem ? <p className="text-sm text-amber-900">{problem}</p> : null}
    </div>
  );
}

/**
 * A button that starts a bulk test through a server action after the operator
 * confirms how many appliances it reaches, then shows its progress live.
 */
export function BulkTestButton({
  action,
  label,
  count,
  children,
  disabled = false,
}: {
  action: Action;
  label: string;
  /** How many appliances the request covers, said in the confirmation. */
  count: number;
  children?: React.ReactNode;
  disabled?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false, message: "" });
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!confirming) {
      setConfirming(true);
      return;
    }
    const data = new FormData(event.currentTarget);
    setConfirming(false);
    startTransition(() => formAction(data));
  };
  const noun = count === 1 ? "appliance" : "appliances";
  return (
    <div className="space-y-2 print:hidden">
      <form onSubmit={submit} className="flex flex-wrap items-center gap-2">
        {children}
        {confirming ? (
          <div role="alertdialog" aria-labelledby="bulk-confirm-text" className="flex flex-wrap items-center gap-2 rounded border border-amber-400 bg-amber-50 px-3 py-2 text-sm">
            <span id="bulk-confirm-text">
              Run a test usage transmission on <strong>{count}</strong> {noun}? Each one sends its usage data to Zerto now.
            </span>
            <button ref={confirmRef} type="submit" className="rounded bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800">
              Yes, test {count} {noun}
            </button>
            <button type="button" onClick={() => setConfirming(false)} className="rounded border border-slate-400 bg-white px-3 py-1.5 font-medium">
              Cancel
            </button>
          </div>
        ) : (
          <button
            type="submit"
            disabled={pending || disabled || count === 0}
            className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
          >
            {pending ? "Requesting…" : label}
          </button>
        )}
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
