import { Link, useLocation, useParams } from "react-router";
import { apiGet } from "../api/api-client.js";
import type { BusinessGoal, TraceDown } from "../api/api-types.js";
import { useSession } from "../api/session-context.js";
import { useApi } from "../api/use-api.js";
import { ArchivedBadge } from "../components/archived-badge.js";
import { EntityActions } from "../components/entity-actions.js";
import { LoadingState } from "../components/loading-state.js";
import { ReferenceName } from "../components/reference-name.js";
import { goalEntity } from "../entities/goals.js";
import { GoalKpis } from "../kpis/goal-kpis.js";

/** One goal and the IT services that support it (directly, or as a dependency of one that does). */
export const GoalPage = () => {
  const { id = "" } = useParams();
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const goal = useApi((signal) => apiGet<BusinessGoal>(`/api/v1/goals/${id}`, signal), [id]);
  const trace = useApi((signal) => apiGet<TraceDown>(`/api/v1/graph/goals/${id}/trace-down`, signal), [id]);
  const session = useSession();
  if (goal.data?.id !== id) return <LoadingState loading={goal.loading} error={goal.error} what="goal" />;
  const g = goal.data;
  return (
    <section>
      <p className="breadcrumb">
        <Link to="/goals">Business goals</Link> /
      </p>
      <div className="page-head">
        <h1>{g.name}</h1>
        <span className="tag">{g.level}</span>
        <span className={`status status-${g.status}`}>{g.status}</span>
        <ArchivedBadge archivedAt={g.archivedAt} />
      </div>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <EntityActions entity={goalEntity} item={g} onChanged={goal.reload} />
      {g.description ? <p className="description">{g.description}</p> : null}
      <dl className="facts">
        <dt>Period</dt>
        <dd>
          {g.periodStart ?? "…"} to {g.periodEnd ?? "…"}
        </dd>
        <dt>Priority weight</dt>
        <dd>{g.priorityWeight}</dd>
        <dt>Part of</dt>
        <dd>
          <ReferenceName path="goals" id={g.parentId} />
        </dd>
        <dt>Owner business unit</dt>
        <dd>
          <ReferenceName path="business-units" id={g.ownerBusinessUnitId} />
        </dd>
      </dl>
      <GoalKpis goalId={g.id} canWrite={session.can("business-graph:write")} />
      {trace.data ? (
        <div className="columns">
          <section className="panel" data-testid="trace-down">
            <h2>Supported by services</h2>
            {trace.data.services.length === 0 ? (
              <p className="muted">No IT service supports this goal yet.</p>
            ) : (
              <table className="data-table compact">
                <thead>
                  <tr>
                    <th>Service</th>
                    <th>How</th>
                    <th className="numeric">Path weight</th>
                  </tr>
                </thead>
                <tbody>
                  {trace.data.services.map((s) => (
                    <tr key={s.id}>
                      <td>
                        <Link to={`/services/${s.id}`}>{s.name}</Link>
                      </td>
                      <td>{s.direct ? "directly" : "as a dependency"}</td>
                      <td className="numeric">{s.pathWeight.toFixed(2)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="panel">
            <h2>Through capabilities</h2>
            {trace.data.capabilities.length === 0 ? (
              <p className="muted">None.</p>
            ) : (
              <ul className="plain-list">
                {trace.data.capabilities.map((c) => (
                  <li key={c.id}>
                    {c.name} <span className="muted">weight {c.weight}%</span>
                  </li>
                ))}
              </ul>
            )}
            {trace.data.goals.length > 1 ? (
              <>
                <h3>Sub-goals included</h3>
                <ul className="plain-list">
                  {trace.data.goals
                    .filter((sub) => sub.id !== g.id)
                    .map((sub) => (
                      <li key={sub.id}>
                        <Link to={`/goals/${sub.id}`}>{sub.name}</Link>{" "}
                        <span className="tag">{sub.level}</span>
                      </li>
                    ))}
                </ul>
              </>
            ) : null}
          </section>
        </div>
      ) : (
        <LoadingState loading={trace.loading} error={trace.error} what="trace to services" />
      )}
    </section>
  );
};
