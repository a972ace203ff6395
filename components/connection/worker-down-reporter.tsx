"use client";

import { useEffect } from "react";
import { updateConnection } from "./connection-store";

/** Rendered with the worker-down banner, so the page's "Live" status is not shown green beside it. */
export function WorkerDownReporter() {
  useEffect(() => {
    updateConnection((current) => ({ workerDownBanners: current.workerDownBanners + 1 }));
    return () => updateConnection((current) => ({ workerDownBanners: Math.max(0, current.workerDownBanners - 1) }));
  }, []);
  return null;
}
