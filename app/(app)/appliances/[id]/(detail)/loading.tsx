import { RouteLoading } from "@/components/route-loading";

// In the (detail) group so that only the appliance page streams behind it: the
// edit page beside it must be able to answer a real 403 (see lib/auth/page-guard.ts).
export default function Loading() {
  return <RouteLoading what="the appliance" tone="light" />;
}
