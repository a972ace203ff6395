// Runs once when the Next.js server starts, before it serves a request.
// NEXT_RUNTIME is replaced at build time (Next's documented pattern), which
// keeps the Node-only start-up out of the edge bundle; it is not a setting.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { isNodeServerRuntime } = await import("@/lib/env");
  if (!isNodeServerRuntime()) return;
  const { startServerRuntime } = await import("@/lib/runtime/server-runtime");
  await startServerRuntime();
}
