import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { apiGet, apiRequest, ProblemError } from "../api/api-client.js";
import { useSession } from "../api/session-context.js";
import { useApi } from "../api/use-api.js";
import { LoadingState } from "../components/loading-state.js";
import { ProblemMessage } from "../components/problem-message.js";
import { IssueList } from "./issue-list.js";
import { currentQuarter, KpiStatusBadge, kpiValue } from "./kpi-status.js";
import type { KpiReading } from "./kpi-types.js";

/** Every KPI for a period with its status, and the import of business measurements from CSV. */
export const KpisPage = () => {
  const [period, setPeriod] = useState(currentQuarter);
  const readings = useApi(
    (signal) =>
      apiGet<{ period: string; items: KpiReading[] }>(
        `/api/v1/kpis/readings?period=${encodeURIComponent(period)}`,
        signal,
      ),
    [period],
  );
  const session = useSession();
  return (
    <section>
      <div className="page-head">
        <h1>KPIs</h1>
        <p className="muted">Strategic, operational and experience KPIs against their targets.</p>
        {session.can("business-graph:write") ? (
          <Link className="button" to="/kpis/new">
            New KPI
          </Link>
        ) : null}
      </div>
      <div className="toolbar">
        <label>
          Period{" "}
          <input
            value={period}
            onChange={(e) => setPeriod(e.target.value)}
            pattern="\d{4}(-Q[1-4]|-\d{2}|-W\d{2})?"
            aria-describedby="period-help"
          />
        </label>
        <span id="period-help" className="muted">
          2026, 2026-Q4, 2026-11 or 2026-W48
        </span>
      </div>
      <LoadingState loading={readings.loading && !readings.data} error={readings.error} what="KPIs" />
      {readings.data ? (
        <table className="data-table" data-testid="kpi-readings">
          <thead>
            <tr>
              <th>KPI</th>
              <th>Layer</th>
              <th className="numeric">Value</th>
              <th className="numeric">Target</th>
              <th className="numeric">Achieved</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {readings.data.items.map((k) => (
              <tr key={k.kpiId}>
                <td>
                  <Link to={`/kpis/${k.kpiId}`}>{k.name}</Link>
                  <div className="muted">{k.definition}</div>
                </td>
                <td>{k.layer}</td>
                <td className="numeric">{kpiValue(k.value, k.unit)}</td>
                <td className="numeric">{k.target === null ? "none" : kpiValue(k.target, k.unit)}</td>
                <td className="numeric">
                  {k.achievementPct === null ? "–" : `${k.achievementPct.toFixed(0)} %`}
                </td>
                <td>
                  <KpiStatusBadge status={k.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {session.can("business-graph:write") ? <MeasurementImport onImported={readings.reload} /> : null}
    </section>
  );
};

/** CSV of business measurements (kpi,date,value): checked whole, refused with line and column. */
const MeasurementImport = ({ onImported }: { onImported: () => void }) => {
  const [csv, setCsv] = useState("");
  const [error, setError] = useState<ProblemError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setDone(null);
    try {
      const { data } = await apiRequest<{ inserted: number; kpis: { name: string; rows: number }[] }>(
        "POST",
        "/api/v1/kpis/measurements/import",
        { body: { csv } },
      );
      setDone(
        `Imported ${data.inserted} measurements (${data.kpis.map((k) => `${k.name}: ${k.rows}`).join(", ")}).`,
      );
      onImported();
    } catch (e) {
      if (e instanceof ProblemError) setError(e);
      else throw e;
    }
  };
  return (
    <form className="panel" onSubmit={submit} aria-label="Import business measurements">
      <h2>Import business measurements</h2>
      <p className="muted">
        A CSV with the columns kpi, date, value (e.g. <code>Weekly online sales,2026-11-22,41250000</code>);
        all or nothing.
      </p>
      <label>
        CSV file{" "}
        <input
          type="file"
          accept=".csv,text/csv"
          onChange={async (e) => setCsv((await e.target.files?.[0]?.text()) ?? "")}
        />
      </label>
      <label>
        or paste it
        <textarea rows={6} value={csv} onChange={(e) => setCsv(e.target.value)} />
      </label>
      <button type="submit" disabled={csv.trim() === ""}>
        Import
      </button>
      {done ? (
        <p className="notice" role="status">
          {done}
        </p>
      ) : null}
      <ProblemMessage error={error} />
      <IssueList error={error} />
    </form>
  );
};
