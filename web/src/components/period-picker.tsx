import { periods, usePeriod } from "./use-url-state.js";

/** The period of a dashboard, kept in the address as ?period=. */
export const PeriodPicker = () => {
  const [period, setPeriod] = usePeriod();
  return (
    <label className="period-picker">
      <span>Period</span>
      <select value={period} onChange={(event) => setPeriod(event.target.value)}>
        {periods.map((p) => (
          <option key={p.value} value={p.value}>
            {p.label}
          </option>
        ))}
      </select>
    </label>
  );
};
