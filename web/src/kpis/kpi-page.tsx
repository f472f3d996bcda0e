import { type FormEvent, useState } from "react";
import { Link, useLocation, useParams } from "react-router";
import { apiGet, apiRequest, ProblemError } from "../api/api-client.js";
import { useSession } from "../api/session-context.js";
import { useApi } from "../api/use-api.js";
import { LoadingState } from "../components/loading-state.js";
import { ProblemMessage } from "../components/problem-message.js";
import { ReferenceName } from "../components/reference-name.js";
import { IssueList } from "./issue-list.js";
import { KpiBenchmarks } from "./kpi-benchmarks.js";
import { KpiStatusBadge, kpiValue } from "./kpi-status.js";
import type { Kpi, KpiSnapshot, KpiTarget, Measurement } from "./kpi-types.js";

/** Sends a write and reports its problem (with the fields it names) instead of throwing. */
const useWrite = () => {
  const [error, setError] = useState<ProblemError | null>(null);
  const run = async (write: () => Promise<unknown>, after: () => void) => {
    setError(null);
    try {
      await write();
      after();
    } catch (e) {
      if (e instanceof ProblemError) setError(e);
      else throw e;
    }
  };
  return { error, run };
};

/** One KPI: its definition and formula, its value beside benchmarks, targets, measurements and history. */
export const KpiPage = () => {
  const { id = "" } = useParams();
  const kpi = useApi((signal) => apiGet<Kpi>(`/api/v1/kpis/${id}`, signal), [id]);
  const targets = useApi((signal) => apiGet<KpiTarget[]>(`/api/v1/kpis/${id}/targets`, signal), [id]);
  const history = useApi((signal) => apiGet<KpiSnapshot[]>(`/api/v1/kpis/${id}/history`, signal), [id]);
  const measurements = useApi(
    (signal) => apiGet<Measurement[]>(`/api/v1/kpis/${id}/measurements`, signal),
    [id],
  );
  const canWrite = useSession().can("business-graph:write");
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  if (kpi.data?.id !== id) return <LoadingState loading={kpi.loading} error={kpi.error} what="KPI" />;
  const k = kpi.data;
  const source =
    k.source.kind === "measurement"
      ? `business measurements (${k.source.aggregation} of the period)`
      : k.source.kind === "metric"
        ? `Tandem metric ${k.source.metric}`
        : `${k.source.kind} ${k.source.measure}`;
  return (
    <section>
      <p className="breadcrumb">
        <Link to="/kpis">KPIs</Link> / {k.goalId ? <Link to={`/goals/${k.goalId}`}>goal</Link> : null}
        {k.serviceId ? <Link to={`/services/${k.serviceId}`}>service</Link> : null}
        {k.businessUnitId ? <Link to={`/business-units/${k.businessUnitId}`}>business unit</Link> : null}
      </p>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <div className="page-head">
        <h1>{k.name}</h1>
        <span className="tag">{k.layer}</span>
      </div>
      <p className="description">{k.definition}</p>
      <dl className="facts">
        <dt>Attached to</dt>
        <dd>
          {k.goalId ? <ReferenceName path="goals" id={k.goalId} /> : null}
          {k.serviceId ? <ReferenceName path="services" id={k.serviceId} /> : null}
          {k.businessUnitId ? <ReferenceName path="business-units" id={k.businessUnitId} /> : null}
        </dd>
        <dt>Formula source</dt>
        <dd>
          {source}
          {"serviceId" in k.source && k.source.serviceId ? (
            <>
              , service <ReferenceName path="services" id={k.source.serviceId} />
            </>
          ) : null}
          {"businessUnitId" in k.source && k.source.businessUnitId ? (
            <>
              , business unit <ReferenceName path="business-units" id={k.source.businessUnitId} />
            </>
          ) : null}
        </dd>
        <dt>Owner</dt>
        <dd>
          <ReferenceName path="people" id={k.ownerPersonId} />
        </dd>
        <dt>Unit and direction</dt>
        <dd>
          {k.unit}, {k.direction} is better
        </dd>
        <dt>Frequency</dt>
        <dd>{k.frequency}</dd>
        <dt>Thresholds</dt>
        <dd>
          green from {k.greenFrom} %, amber from {k.amberFrom} % of target
        </dd>
      </dl>
      {canWrite ? (
        <p className="entity-actions">
          <Link className="button" to={`/kpis/${k.id}/edit`}>
            Edit KPI
          </Link>
        </p>
      ) : null}
      <KpiBenchmarks kpi={k} />
      <section className="panel">
        <h2>Targets</h2>
        {targets.data?.length === 0 ? (
          <p className="muted">No target yet: the KPI has a value but no status.</p>
        ) : null}
        <ul className="plain-list">
          {targets.data?.map((t) => (
            <li key={t.id}>
              {t.periodStart} to {t.periodEnd}: from {kpiValue(t.baseline, k.unit)} to{" "}
              {kpiValue(t.target, k.unit)}
              {t.steps.length > 0
                ? ` (steps: ${t.steps.map((s) => `${s.on} ${kpiValue(s.value, k.unit)}`).join(", ")})`
                : ""}
            </li>
          ))}
        </ul>
        {canWrite ? <TargetForm kpiId={k.id} onSaved={targets.reload} /> : null}
      </section>
      <section className="panel" data-testid="kpi-history">
        <h2>History</h2>
        <p className="muted">
          What was known when each period was first computed; a later recomputation that differs is shown
          beside it.
        </p>
        <table className="data-table compact">
          <thead>
            <tr>
              <th>Period</th>
              <th className="numeric">Value then</th>
              <th>Status then</th>
              <th className="numeric">Recomputed</th>
              <th>Status now</th>
            </tr>
          </thead>
          <tbody>
            {history.data?.map((h) => (
              <tr key={h.period}>
                <td>{h.period}</td>
                <td className="numeric">{kpiValue(h.value, k.unit)}</td>
                <td>
                  <KpiStatusBadge status={h.status} />
                </td>
                <td className="numeric">{h.recomputedAt ? kpiValue(h.recomputedValue, k.unit) : "same"}</td>
                <td>{h.recomputedStatus ? <KpiStatusBadge status={h.recomputedStatus} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {k.source.kind === "measurement" ? (
        <section className="panel">
          <h2>Measurements</h2>
          {canWrite ? <MeasurementForm kpiId={k.id} onSaved={measurements.reload} /> : null}
          <table className="data-table compact">
            <thead>
              <tr>
                <th>Date</th>
                <th className="numeric">Value</th>
                <th>Recorded by</th>
                <th>When</th>
              </tr>
            </thead>
            <tbody>
              {[...(measurements.data ?? [])]
                .reverse()
                .slice(0, 60)
                .map((m) => (
                  <tr key={m.measuredOn}>
                    <td>{m.measuredOn}</td>
                    <td className="numeric">{kpiValue(m.value, k.unit)}</td>
                    <td>
                      {m.recordedBy} <span className="muted">({m.origin})</span>
                    </td>
                    <td>{m.recordedAt.slice(0, 16).replace("T", " ")}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </section>
  );
};

const TargetForm = ({ kpiId, onSaved }: { kpiId: string; onSaved: () => void }) => {
  const year = new Date().getUTCFullYear();
  const [periodStart, setStart] = useState(`${year}-01-01`);
  const [periodEnd, setEnd] = useState(`${year}-12-31`);
  const [baseline, setBaseline] = useState("");
  const [target, setTarget] = useState("");
  const { error, run } = useWrite();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(
      () =>
        apiRequest("PUT", `/api/v1/kpis/${kpiId}/targets`, {
          body: { periodStart, periodEnd, baseline: Number(baseline), target: Number(target) },
        }),
      onSaved,
    );
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Set a target">
      <label>
        From <input type="date" value={periodStart} onChange={(e) => setStart(e.target.value)} required />
      </label>
      <label>
        to <input type="date" value={periodEnd} onChange={(e) => setEnd(e.target.value)} required />
      </label>
      <label>
        Baseline{" "}
        <input
          type="number"
          step="any"
          value={baseline}
          onChange={(e) => setBaseline(e.target.value)}
          required
        />
      </label>
      <label>
        Target{" "}
        <input type="number" step="any" value={target} onChange={(e) => setTarget(e.target.value)} required />
      </label>
      <button type="submit">Set target</button>
      <ProblemMessage error={error} />
      <IssueList error={error} />
    </form>
  );
};

const MeasurementForm = ({ kpiId, onSaved }: { kpiId: string; onSaved: () => void }) => {
  const [measuredOn, setOn] = useState(new Date().toISOString().slice(0, 10));
  const [value, setValue] = useState("");
  const { error, run } = useWrite();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(
      () =>
        apiRequest("POST", `/api/v1/kpis/${kpiId}/measurements`, {
          body: { measuredOn, value: Number(value) },
        }),
      () => {
        setValue("");
        onSaved();
      },
    );
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Record a measurement">
      <label>
        Date <input type="date" value={measuredOn} onChange={(e) => setOn(e.target.value)} required />
      </label>
      <label>
        Value{" "}
        <input type="number" step="any" value={value} onChange={(e) => setValue(e.target.value)} required />
      </label>
      <button type="submit">Record</button>
      <ProblemMessage error={error} />
      <IssueList error={error} />
    </form>
  );
};
