import { metricsResponse } from "@/lib/metrics/metrics-route";

export const dynamic = "force-dynamic";

/** Prometheus scrapes here with a metrics token (the production server answers it before Next.js). */
export function GET(request: Request): Promise<Response> {
  return metricsResponse(request);
}
