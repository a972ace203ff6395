"use client";

import { startTransition, useActionState, useEffect, useRef } from "react";
import { expectChange } from "@/components/auto-refresh";
import { initialActionState, type ActionState } from "@/lib/http/action-state";

type Action = (previous: ActionState, form: FormData) => Promise<ActionState>;

/** A form bound to a server action, showing its outcome (and a once-only secret) below. */
export function ActionForm({
  action,
  submitLabel,
  children,
  className,
  inline = false,
  shortLabel,
  changesWithinSeconds,
}: {
  action: Action;
  /** The button's name; also its text unless shortLabel is given. */
  submitLabel: string;
  children?: React.ReactNode;
  className?: string;
  inline?: boolean;
  /** Visible text where a row already says what the button acts on; submitLabel stays its accessible name. */
  shortLabel?: string;
  /** The action's effect shows on this page within this long (a poll): the page refreshes quickly until then. */
  changesWithinSeconds?: number;
}) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!state.ok) return;
    formRef.current?.reset();
    if (changesWithinSeconds) expectChange(changesWithinSeconds);
  }, [state, changesWithinSeconds]);
  // Submitting through onSubmit keeps what the user typed when the action reports an error.
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  return (
    <form ref={formRef} onSubmit={submit} className={className ?? (inline ? "flex flex-wrap items-center gap-2" : "space-y-3")}>
      {children}
      <button
        type="submit"
        disabled={pending}
        aria-label={shortLabel ? submitLabel : undefined}
        className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? "Working…" : (shortLabel ?? submitLabel)}
      </button>
      {state.message ? (
        <p role={state.ok ? "status" : "alert"} className={`text-sm ${state.ok ? "text-green-800" : "text-red-800"}`}>
          {state.message}
        </p>
      ) : null}
      {state.confirm ? (
        <button
          type="button"
          disabled={pending}
          data-testid="confirm-action"
          onClick={() => {
            const confirm = state.confirm;
            const form = formRef.current;
            if (!confirm || !form) return;
            // The field shows what is confirmed (the pinned fingerprint), then the form goes again.
            const input = form.elements.namedItem(confirm.field);
            if (input instanceof HTMLInputElement) input.value = confirm.value;
            const data = new FormData(form);
            data.set(confirm.field, confirm.value);
            startTransition(() => formAction(data));
          }}
          className="rounded border border-amber-500 bg-amber-50 px-3 py-1.5 text-sm font-medium text-amber-900 hover:bg-amber-100 disabled:opacity-60"
        >
          {state.confirm.label}
        </button>
      ) : null}
      {state.secret ? (
        <div className="w-full rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-medium">Copy it now: it is shown only once.</p>
          <code className="mt-1 block break-all font-mono" data-testid="new-secret">
            {state.secret}
          </code>
        </div>
      ) : null}
    </form>
  );
}
