"use client";

import { startTransition, useActionState, useEffect, useState } from "react";
import { initialActionState, type ActionState } from "@/lib/http/action-state";
import { DurationField } from "./duration-field";

type Action = (previous: ActionState, form: FormData) => Promise<ActionState>;

export const BULK_FORM_ID = "bulk-alerts";

const selectedBoxes = () => Array.from(document.querySelectorAll<HTMLInputElement>(`input[name="ids"][form="${BULK_FORM_ID}"]`));

function Outcome({ state }: { state: ActionState }) {
  if (!state.message) return null;
  return (
    <p role={state.ok ? "status" : "alert"} className={`text-sm ${state.ok ? "text-green-800" : "text-red-800"}`}>
      {state.message}
    </p>
  );
}

/** The header checkbox: selects every alert listed, or none. */
export function AlertSelectAll() {
  return (
    <input
      type="checkbox"
      aria-label="Select every alert listed"
      onChange={(event) => {
        for (const box of selectedBoxes()) box.checked = event.target.checked;
        document.dispatchEvent(new Event("alert-selection"));
      }}
    />
  );
}

/** Acknowledge or silence the alerts whose boxes are ticked (the boxes belong to this form by its id). */
export function AlertBulkActions({ acknowledge, silence }: { acknowledge: Action; silence: Action }) {
  const [count, setCount] = useState(0);
  const [ackState, ackAction, ackPending] = useActionState(acknowledge, initialActionState);
  const [silenceState, silenceAction, silencePending] = useActionState(silence, initialActionState);
  useEffect(() => {
    const recount = () => setCount(selectedBoxes().filter((box) => box.checked).length);
    recount();
    document.addEventListener("change", recount);
    document.addEventListener("alert-selection", recount);
    return () => {
      document.removeEventListener("change", recount);
      document.removeEventListener("alert-selection", recount);
    };
  }, []);
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const data = new FormData(event.currentTarget);
    startTransition(() => (submitter?.value === "silence" ? silenceAction(data) : ackAction(data)));
  };
  const none = count === 0;
  return (
    <form id={BULK_FORM_ID} onSubmit={submit} aria-label="Selected alerts" className="space-y-2 rounded border border-slate-300 bg-white p-3">
      <div className="flex flex-wrap items-end gap-3">
        <p className="self-center text-sm font-medium" data-testid="selected-count" aria-live="polite">
          {count} selected
        </p>
        <button type="submit" name="do" value="acknowledge" disabled={none || ackPending} className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60">
          {ackPending ? "Working…" : "Acknowledge selected"}
        </button>
        <span aria-hidden="true" className="h-8 w-px self-center bg-slate-300" />
        <label className="block text-sm">
          Silence
          <select name="scope" defaultValue="appliance" className="mt-1 block rounded border border-slate-400 bg-white px-2 py-1.5 text-sm">
            <option value="appliance">every alert of their appliances</option>
            <option value="condition">only these conditions</option>
          </select>
        </label>
        <DurationField />
        <label className="block text-sm">
          Reason
          <input name="reason" maxLength={500} className="mt-1 block w-64 rounded border border-slate-400 px-2 py-1.5 text-sm" />
        </label>
        <button type="submit" name="do" value="silence" disabled={none || silencePending} className="rounded bg-slate-800 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60">
          {silencePending ? "Working…" : "Silence selected"}
        </button>
      </div>
      <Outcome state={ackState} />
      <Outcome state={silenceState} />
    </form>
  );
}
