import { type FormEvent, useState } from "react";
import { benchmarkSetInput } from "../../../src/domain/schemas/benchmark.js";
import { apiGet, apiRequest, ProblemError } from "../api/api-client.js";
import { useSession } from "../api/session-context.js";
import { useApi } from "../api/use-api.js";
import { FormField } from "../components/form-field.js";
import { LoadingState } from "../components/loading-state.js";
import { ProblemMessage } from "../components/problem-message.js";
import { benchmarkFigure, kpiUnits } from "./benchmark-figures.js";
import type { BenchmarkSet, KpiTemplate } from "./kpi-types.js";

/** External benchmark sets with their figures, and a form to add one. */
export const BenchmarksPage = () => {
  const sets = useApi((signal) => apiGet<BenchmarkSet[]>("/api/v1/benchmarks", signal), []);
  const library = useApi((signal) => apiGet<KpiTemplate[]>("/api/v1/kpis/library", signal), []);
  const canWrite = useSession().can("business-graph:write");
  const templateName = (key: string | null) =>
    key === null ? "—" : (library.data?.find((t) => t.key === key)?.name ?? key);
  return (
    <section>
      <div className="page-head">
        <h1>Benchmarks</h1>
        <p className="muted">
          Reference figures from outside the organisation. A figure kept for a library KPI is shown on the
          page of every KPI made from that library KPI, beside its current value.
        </p>
      </div>
      <LoadingState loading={sets.loading && !sets.data} error={sets.error} what="benchmark sets" />
      {sets.data?.map((s) => (
        <section key={s.id} className="panel" data-testid="benchmark-set" aria-labelledby={`set-${s.id}`}>
          <h2 id={`set-${s.id}`}>
            {s.name} {s.shipped ? <span className="tag">shipped with Tandem</span> : null}
          </h2>
          <table className="data-table compact">
            <thead>
              <tr>
                <th scope="col">Figure</th>
                <th scope="col" className="numeric">
                  Value
                </th>
                <th scope="col">Year</th>
                <th scope="col">Source</th>
                <th scope="col">Compares with</th>
              </tr>
            </thead>
            <tbody>
              {s.values.map((v) => (
                <tr key={`${v.name}:${v.year}:${v.source}`}>
                  <td>{v.name}</td>
                  <td className="numeric">{benchmarkFigure(v.value, v.unit)}</td>
                  <td>{v.year}</td>
                  <td>{v.source}</td>
                  <td>{templateName(v.templateKey)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      {canWrite ? <AddBenchmarkSet library={library.data ?? []} onAdded={sets.reload} /> : null}
    </section>
  );
};

interface FigureRow {
  name: string;
  source: string;
  value: string;
  unit: string;
  year: string;
  templateKey: string;
}

const emptyRow = (): FigureRow => ({
  name: "",
  source: "",
  value: "",
  unit: "",
  year: String(new Date().getUTCFullYear()),
  templateKey: "",
});

/** A typed number, or the text itself so that the schema names the field. */
const numberOf = (text: string): number | string => {
  const trimmed = text.trim().replace(",", ".");
  const n = Number(trimmed);
  return trimmed !== "" && Number.isFinite(n) ? n : text;
};

const bodyOf = (name: string, rows: FigureRow[]) => ({
  name,
  values: rows.map((r) => ({
    name: r.name,
    source: r.source,
    value: numberOf(r.value),
    unit: r.unit,
    year: numberOf(r.year),
    templateKey: r.templateKey === "" ? null : r.templateKey,
  })),
});

/** A new set: its name and one or more figures, checked with the API's schema before it is sent. */
const AddBenchmarkSet = ({ library, onAdded }: { library: KpiTemplate[]; onAdded: () => void }) => {
  const [name, setName] = useState("");
  const [rows, setRows] = useState<FigureRow[]>([emptyRow()]);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ProblemError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const errors = { ...(error?.fieldErrors() ?? {}), ...localErrors };
  const setRow = (i: number, patch: Partial<FigureRow>) =>
    setRows((all) => all.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaved(null);
    const body = bodyOf(name, rows);
    const checked = benchmarkSetInput.safeParse(body);
    const local: Record<string, string> = {};
    if (!checked.success)
      for (const issue of checked.error.issues) local[issue.path.map(String).join(".")] ??= issue.message;
    setLocalErrors(local);
    if (!checked.success) return;
    try {
      await apiRequest("POST", "/api/v1/benchmarks", { body });
      setSaved(`Added the set "${name.trim()}".`);
      setName("");
      setRows([emptyRow()]);
      onAdded();
    } catch (reason) {
      if (reason instanceof ProblemError) setError(reason);
      else throw reason;
    }
  };

  const issues = Object.entries(errors);
  return (
    <form className="panel edit-form" onSubmit={submit} noValidate aria-labelledby="add-set-title">
      <h2 id="add-set-title">Add a benchmark set</h2>
      {saved ? (
        <p className="notice" role="status">
          {saved}
        </p>
      ) : null}
      <ProblemMessage error={error} />
      {issues.length > 0 ? (
        <ul className="error-summary" data-testid="form-errors">
          {issues.map(([path, message]) => (
            <li key={path}>
              <strong>{path}</strong>: {message}
            </li>
          ))}
        </ul>
      ) : null}
      <FormField label="Set name" name="name" error={errors.name}>
        <input name="name" value={name} onChange={(e) => setName(e.target.value)} />
      </FormField>
      <datalist id="benchmark-units">
        {kpiUnits.map((u) => (
          <option key={u} value={u} />
        ))}
      </datalist>
      {rows.map((r, i) => (
        // Rows have no identity of their own; a removed row shifts the rest, which is what the user sees.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above.
        <fieldset key={i} data-testid="benchmark-figure-row">
          <legend>Figure {i + 1}</legend>
          <div className="form-grid">
            <FormField label="Figure name" name={`values.${i}.name`} error={errors[`values.${i}.name`]}>
              <input value={r.name} onChange={(e) => setRow(i, { name: e.target.value })} />
            </FormField>
            <FormField label="Value" name={`values.${i}.value`} error={errors[`values.${i}.value`]}>
              <input
                inputMode="decimal"
                value={r.value}
                onChange={(e) => setRow(i, { value: e.target.value })}
              />
            </FormField>
            <FormField label="Unit" name={`values.${i}.unit`} error={errors[`values.${i}.unit`]}>
              <input
                list="benchmark-units"
                value={r.unit}
                onChange={(e) => setRow(i, { unit: e.target.value })}
              />
            </FormField>
            <FormField label="Year" name={`values.${i}.year`} error={errors[`values.${i}.year`]}>
              <input
                inputMode="numeric"
                value={r.year}
                onChange={(e) => setRow(i, { year: e.target.value })}
              />
            </FormField>
            <FormField
              label="Compares with library KPI"
              name={`values.${i}.templateKey`}
              error={errors[`values.${i}.templateKey`]}
            >
              <select value={r.templateKey} onChange={(e) => setRow(i, { templateKey: e.target.value })}>
                <option value="">none</option>
                {library.map((t) => (
                  <option key={t.key} value={t.key}>
                    {t.name}
                  </option>
                ))}
              </select>
            </FormField>
            <div className="form-cell wide">
              <FormField label="Source" name={`values.${i}.source`} error={errors[`values.${i}.source`]}>
                <input value={r.source} onChange={(e) => setRow(i, { source: e.target.value })} />
              </FormField>
            </div>
          </div>
          {rows.length > 1 ? (
            <button
              type="button"
              className="secondary"
              onClick={() => setRows((all) => all.filter((_, j) => j !== i))}
            >
              Remove figure {i + 1}
            </button>
          ) : null}
        </fieldset>
      ))}
      <div className="actions">
        <button type="button" className="secondary" onClick={() => setRows((all) => [...all, emptyRow()])}>
          Add a figure
        </button>
        <button type="submit">Add set</button>
      </div>
    </form>
  );
};
