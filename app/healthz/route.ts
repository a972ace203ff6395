export const dynamic = "force-dynamic";

/** The process is up and serving; says nothing about the database. */
export function GET(): Response {
  return Response.json({ status: "ok", uptimeSeconds: Math.round(process.uptime()) });
}
