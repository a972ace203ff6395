import { readinessResponse } from "@/lib/runtime/readiness-response";

export const dynamic = "force-dynamic";

export const GET = (): Promise<Response> => readinessResponse();
