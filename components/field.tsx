/** A labelled input; the label is the accessible name. */
export function Field({
  label,
  className,
  ...input
}: { label: string; className?: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className={className ?? "block"}>
      <span className="text-sm font-medium">{label}</span>
      <input {...input} className="mt-1 w-full rounded border border-slate-300 bg-white px-3 py-1.5" />
    </label>
  );
}

export function SelectField({
  label,
  options,
  className,
  ...select
}: {
  label: string;
  options: readonly (string | { value: string; label: string })[];
  className?: string;
} & React.SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <label className={className ?? "block"}>
      <span className="text-sm font-medium">{label}</span>
      <select {...select} className="mt-1 w-full rounded border border-slate-300 bg-white px-3 py-1.5">
        {options.map((option) => {
          const { value, label: text } = typeof option === "string" ? { value: option, label: option } : option;
          return (
            <option key={value} value={value}>
              {text}
            </option>
          );
        })}
      </select>
    </label>
  );
}
