import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { apiGet, apiGetAll, apiRequest, ProblemError } from "../api/api-client.js";
import type { ItService } from "../api/api-types.js";
import { useApi } from "../api/use-api.js";
import { ProblemMessage } from "../components/problem-message.js";
import { IssueList } from "./issue-list.js";
import { currentQuarter, KpiStatusBadge, kpiValue } from "./kpi-status.js";
import type { GoalHealthReport, KpiTemplate } from "./kpi-types.js";

/** A goal's KPIs with their targets and status for the current quarter, and the library to add from. */
export const GoalKpis = ({ goalId, canWrite }: { goalId: string; canWrite: boolean }) => {
  const period = currentQuarter();
  const health = useApi(
    (signal) => apiGet<GoalHealthReport>(`/api/v1/goal-health?period=${period}`, signal),
    [period],
  );
  const mine = health.data?.goals.find((g) => g.goalId === goalId);
  const kpis = health.data?.kpis.filter((k) => k.goalId === goalId) ?? [];
  return (
    <section className="panel" data-testid="goal-kpis">
      <h2>KPIs and health {mine ? <KpiStatusBadge status={mine.status} score={mine.health} /> : null}</h2>
      <p className="muted">
        {period}; each KPI's achievement is (actual − baseline) / (target − baseline), capped to 0-100.
      </p>
      <ProblemMessage error={health.error} retry={health.reload} />
      {mine?.warnings.map((w) => (
        <p key={w} className="notice">
          {w}
        </p>
      ))}
      {kpis.length === 0 ? (
        <p className="muted">No KPIs on this goal yet.</p>
      ) : (
        <table className="data-table compact">
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
            {kpis.map((k) => (
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
                  {k.note ? <div className="muted">{k.note}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canWrite ? <AddFromLibrary goalId={goalId} onAdded={health.reload} /> : null}
      {canWrite ? (
        <p>
          <Link className="button secondary" to={`/kpis/new?goalId=${goalId}`}>
            New KPI from scratch
          </Link>{" "}
          <span className="muted">any formula source, unit and frequency</span>
        </p>
      ) : null}
    </section>
  );
};

const AddFromLibrary = ({ goalId, onAdded }: { goalId: string; onAdded: () => void }) => {
  const library = useApi((signal) => apiGet<KpiTemplate[]>("/api/v1/kpis/library", signal), []);
  const services = useApi((signal) => apiGetAll<ItService>("/api/v1/services", signal), []);
  const [templateKey, setTemplateKey] = useState("");
  const [serviceId, setServiceId] = useState("");
  const [error, setError] = useState<ProblemError | null>(null);
  const template = library.data?.find((t) => t.key === templateKey);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await apiRequest("POST", "/api/v1/kpis/from-template", {
        body: { templateKey, goalId, ...(serviceId ? { serviceId } : {}) },
      });
      setTemplateKey("");
      onAdded();
    } catch (e) {
      if (e instanceof ProblemError) setError(e);
      else throw e;
    }
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Add a KPI from the library">
      <label>
        Add from the KPI library{" "}
        <select value={templateKey} onChange={(e) => setTemplateKey(e.target.value)} required>
          <option value="">choose a KPI…</option>
          {(["strategic", "operational", "experience"] as const).map((layer) => (
            <optgroup key={layer} label={layer}>
              {library.data
                ?.filter((t) => t.layer === layer)
                .map((t) => (
                  <option key={t.key} value={t.key}>
                    {t.name}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </label>
      {template && template.source.kind !== "measurement" ? (
        <label>
          for the service{" "}
          <select value={serviceId} onChange={(e) => setServiceId(e.target.value)}>
            <option value="">all services</option>
            {services.data?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <button type="submit" disabled={!templateKey}>
        Add KPI
      </button>
      {template ? <p className="muted">{template.definition}</p> : null}
      <ProblemMessage error={error} />
      <IssueList error={error} />
    </form>
  );
};
