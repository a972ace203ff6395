// Turns the channel forms' fields into the verbs' input; the verbs validate.

const text = (form: FormData, name: string) => {
  const value = String(form.get(name) ?? "").trim();
  return value === "" ? undefined : value;
};

const list = (value: string | undefined) => value?.split(/[\s,]+/).map((part) => part.trim()).filter(Boolean);

/** The type-specific fields present in the form; empty ones are left out (kept when editing). */
export function channelFieldsOf(form: FormData): Record<string, unknown> {
  const port = text(form, "port");
  const fields: Record<string, unknown> = {
    url: text(form, "url"),
    signingSecret: text(form, "signingSecret"),
    routingKey: text(form, "routingKey"),
    endpoint: text(form, "endpoint"),
    host: text(form, "host"),
    port: port === undefined ? undefined : Number(port),
    security: text(form, "security"),
    username: text(form, "username"),
    password: text(form, "password"),
    from: text(form, "from"),
    to: list(text(form, "to")),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/** Routing rows route-<n>-severity / -tag / -conditions; a row with severity "remove" or missing is dropped. */
export function routesOf(form: FormData, rows: number) {
  const routes = [];
  for (let row = 0; row < rows; row += 1) {
    const severity = text(form, `route-${row}-severity`);
    if (!severity || severity === "remove") continue;
    routes.push({ minSeverity: severity, tag: text(form, `route-${row}-tag`) ?? null, conditions: list(text(form, `route-${row}-conditions`)) ?? [] });
  }
  return routes;
}

export { text as formText, list as formList };
