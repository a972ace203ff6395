import { RouteLoading } from "@/components/route-loading";

export default function Loading() {
  return <RouteLoading what="the 9.0 migration" tone="light" />;
}
