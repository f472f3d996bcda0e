import { useCallback, useEffect, useState } from "react";
import { ProblemError } from "./api-client.js";

export interface ApiState<T> {
  data: T | null;
  error: ProblemError | null;
  loading: boolean;
  reload: () => void;
}

/** Loads something from the API when `load` changes (pass null to load nothing); cancels stale loads. */
export const useApi = <T>(
  load: ((signal: AbortSignal) => Promise<T>) | null,
  deps: unknown[],
): ApiState<T> => {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ProblemError | null>(null);
  const [loading, setLoading] = useState(load !== null);
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what the load depends on.
  useEffect(() => {
    if (!load) {
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    load(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (reason: unknown) => {
        if (controller.signal.aborted) return;
        setError(
          reason instanceof ProblemError
            ? reason
            : new ProblemError({ type: "about:blank", title: "Error", status: 0, detail: String(reason) }),
        );
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [...deps, generation]);

  return { data, error, loading, reload };
};
