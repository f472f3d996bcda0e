import { formatKpiValue } from "../../../src/domain/kpis/kpi-format.js";
import type { KpiStatus, KpiUnit } from "./kpi-types.js";

const tone: Record<KpiStatus, string> = {
  green: "tone-good",
  amber: "tone-warn",
  red: "tone-bad",
  no_data: "",
  stale: "tone-warn",
};
const words: Record<KpiStatus, string> = {
  green: "green",
  amber: "amber",
  red: "red",
  no_data: "no data",
  stale: "stale",
};

/** A status as a coloured pill that also says it in words (colour is never the only signal). */
export const KpiStatusBadge = ({ status, score }: { status: KpiStatus; score?: number | null }) => (
  <span className={`health ${tone[status]}`} data-status={status}>
    {words[status]}
    {score !== undefined && score !== null ? ` · ${score.toFixed(0)}` : ""}
  </span>
);

export const kpiValue = (value: number | null, unit: KpiUnit): string =>
  value === null ? "no data" : formatKpiValue(value, unit);

/** The current quarter, e.g. 2026-Q4, the default period of the KPI pages. */
export const currentQuarter = (): string => {
  const now = new Date();
  return `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
};
