import { useEffect, useState } from "react";
import type { ImportProgress } from "../../../src/domain/schemas/import-run.js";
import { apiRequest } from "../api/api-client.js";

const POLL_MS = 500;

/**
 * Polls the progress of the upload sent with `progressId` while it runs (null: nothing to poll).
 * A failed poll is not an error to show: the upload's own answer says how it ended.
 */
export const useImportProgress = (progressId: string | null): ImportProgress | null => {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  useEffect(() => {
    setProgress(null);
    if (!progressId) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const { data } = await apiRequest<ImportProgress>("GET", `/api/v1/imports/progress/${progressId}`, {
          signal: controller.signal,
          unfocused: true,
        });
        setProgress(data);
      } catch {
        // Not registered yet (the upload's request may not have reached the server), or gone.
      }
      if (!controller.signal.aborted) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [progressId]);
  return progress;
};
