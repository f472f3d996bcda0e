import type { KpiUnit } from "../schemas/kpi.js";

// One formatter per precision: building an Intl.NumberFormat per call (toLocaleString) costs
// ~0.1 ms, which thousands of KPI nodes in an explanation tree turn into a second.
const formatters = new Map<string, Intl.NumberFormat>();
const formatter = (min: number, max: number) => {
  const key = `${min}:${max}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat("en-GB", { minimumFractionDigits: min, maximumFractionDigits: max });
    formatters.set(key, f);
  }
  return f;
};
const number = (value: number, digits: number) => formatter(0, digits).format(value);

/** A KPI value in words, with its unit: "98.1 %", "4.2 h", "12,500.00" (cents shown as money). */
export const formatKpiValue = (value: number, unit: KpiUnit): string => {
  switch (unit) {
    case "percent":
      return `${number(value, 1)} %`;
    case "hours":
      return `${number(value, 1)} h`;
    case "minutes":
      return `${number(value, 0)} min`;
    case "days":
      return `${number(value, 1)} days`;
    case "cents":
      return formatter(2, 2).format(value / 100);
    default:
      return number(value, 2);
  }
};

/** Signed points with a true minus sign: "+2", "−4", "−0.4". */
export const formatPoints = (points: number): string => {
  // Half away from zero, so that −4.5 and +4.5 read alike.
  const size = Math.abs(points) >= 1 ? Math.round(Math.abs(points)) : Math.round(Math.abs(points) * 10) / 10;
  const rounded = Math.sign(points) * size;
  if (rounded === 0) return "±0";
  return `${rounded > 0 ? "+" : "−"}${Math.abs(rounded)}`;
};
