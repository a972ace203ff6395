"use client";

import { startTransition, useActionState, useState } from "react";
import { initialActionState, type ActionState } from "@/lib/http/action-state";

type Action = (previous: ActionState, form: FormData) => Promise<ActionState>;

/**
 * Remove, in two steps: "Remove…" opens a field where the admin types the
 * appliance's name; the removal button works only once it matches.
 */
export function RemoveApplianceForm({ action, id, name }: { action: Action; id: string; name: string }) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  if (state.ok) {
    return (
      <p role="status" className="text-sm text-green-800">
        {state.message}
      </p>
    );
  }
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} className="rounded border border-red-700 bg-white px-3 py-1 text-sm font-medium whitespace-nowrap text-red-800 hover:bg-red-50">
        Remove {name}…
      </button>
    );
  }
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  return (
    <form onSubmit={submit} className="space-y-1 rounded border border-red-300 bg-red-50 p-2 text-sm">
      <input type="hidden" name="id" value={id} />
      <label className="block">
        <span>
          Removing deletes its polls and test transmissions. Type <strong className="font-mono">{name}</strong> to confirm.
        </span>
        <input
          name="confirmName"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          autoComplete="off"
          autoFocus
          aria-label={`Name of the appliance to remove (${name})`}
          className="mt-1 block w-full rounded border border-slate-400 bg-white px-2 py-1"
        />
      </label>
      <div className="flex gap-2">
        <button type="submit" disabled={pending || typed.trim() !== name} className="rounded bg-red-700 px-3 py-1 font-medium text-white disabled:opacity-50">
          {pending ? "Removing…" : `Remove ${name}`}
        </button>
        <button type="button" onClick={() => setOpen(false)} className="rounded border border-slate-400 bg-white px-3 py-1">
          Cancel
        </button>
      </div>
      {state.message ? (
        <p role="alert" className="text-red-800">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
