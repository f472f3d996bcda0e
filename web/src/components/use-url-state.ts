import { useCallback } from "react";
import { useSearchParams } from "react-router";

/**
 * One filter or period of a page, kept in the address (`?period=90d`), so that any view can be
 * shared and bookmarked. Returns the value (the fallback when absent) and a setter that replaces
 * the history entry (typing in a filter must not flood the back button); setting the fallback
 * removes the parameter, so default views keep clean addresses.
 */
export const useUrlState = (key: string, fallback: string): [string, (next: string) => void] => {
  const [params, setParams] = useSearchParams();
  const value = params.get(key) ?? fallback;
  const set = useCallback(
    (next: string) => {
      setParams(
        (previous) => {
          const updated = new URLSearchParams(previous);
          if (next === fallback || next === "") updated.delete(key);
          else updated.set(key, next);
          return updated;
        },
        { replace: true },
      );
    },
    [key, fallback, setParams],
  );
  return [value, set];
};

/**
 * The periods every dashboard offers, as URL values. Whole calendar months, because per-service
 * figures are kept per month: `from` is the 1st of the first month, `to` (exclusive) the 1st of the
 * month after the current one, so the current month counts as far as it has gone.
 */
export const periods = [
  { value: "1m", label: "This month", months: 1 },
  { value: "3m", label: "Last 3 months", months: 3 },
  { value: "12m", label: "Last 12 months", months: 12 },
] as const;

export type PeriodValue = (typeof periods)[number]["value"];

export const DEFAULT_PERIOD: PeriodValue = "3m";

export const periodRange = (value: string, today = new Date()): { from: string; to: string } => {
  const months = periods.find((p) => p.value === value)?.months ?? 3;
  const to = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1));
  const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1 - months, 1));
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
};

/** The period picker bound to `?period=`. */
export const usePeriod = (): [string, (next: string) => void] => useUrlState("period", DEFAULT_PERIOD);
