import { useState } from "react";
import { Link } from "react-router";
import { apiGet, apiGetAll } from "../api/api-client.js";
import type { BusinessGoal, BusinessUnit } from "../api/api-types.js";
import { useApi } from "../api/use-api.js";
import { ArchivedBadge } from "../components/archived-badge.js";
import { LoadingState } from "../components/loading-state.js";
import { NewItemLink } from "../components/new-item-link.js";
import { ShowArchivedToggle } from "../components/show-archived-toggle.js";
import { goalEntity } from "../entities/goals.js";
import { currentQuarter, KpiStatusBadge } from "../kpis/kpi-status.js";
import type { GoalHealthReport } from "../kpis/kpi-types.js";

type HealthOf = (id: string) => GoalHealthReport["goals"][number] | undefined;

interface GoalNode {
  goal: BusinessGoal;
  children: GoalNode[];
}

/** The cascade as a forest: strategic goals at the roots (goals whose parent is out of sight, too). */
const cascadeOf = (goals: BusinessGoal[]): GoalNode[] => {
  const nodes = new Map(goals.map((g) => [g.id, { goal: g, children: [] as GoalNode[] }]));
  const roots: GoalNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.goal.parentId ? nodes.get(node.goal.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: GoalNode[]) => {
    list.sort(
      (a, b) => b.goal.priorityWeight - a.goal.priorityWeight || a.goal.name.localeCompare(b.goal.name),
    );
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
};

const GoalBranch = ({
  nodes,
  unitName,
  healthOf,
}: {
  nodes: GoalNode[];
  unitName: (id: string | null) => string;
  healthOf: HealthOf;
}) => (
  <ul className="goal-tree">
    {nodes.map(({ goal, children }) => (
      <li key={goal.id}>
        <div className="goal-row">
          <Link to={`/goals/${goal.id}`}>{goal.name}</Link>
          {healthOf(goal.id) ? (
            <KpiStatusBadge
              status={healthOf(goal.id)?.status ?? "no_data"}
              score={healthOf(goal.id)?.health ?? null}
            />
          ) : null}
          <span className="tag">{goal.level}</span>
          <span className={`status status-${goal.status}`}>{goal.status}</span>
          <span className="muted">{unitName(goal.ownerBusinessUnitId)}</span>
          {goal.periodEnd ? <span className="muted">until {goal.periodEnd}</span> : null}
          <ArchivedBadge archivedAt={goal.archivedAt} />
        </div>
        {children.length > 0 ? <GoalBranch nodes={children} unitName={unitName} healthOf={healthOf} /> : null}
      </li>
    ))}
  </ul>
);

/** Business goals as their cascade: strategic goals, goals, objectives. */
export const GoalsPage = () => {
  const [showArchived, setShowArchived] = useState(false);
  const goals = useApi(
    (signal) =>
      apiGetAll<BusinessGoal>(`/api/v1/goals${showArchived ? "?includeArchived=true" : ""}`, signal),
    [showArchived],
  );
  const units = useApi((signal) => apiGetAll<BusinessUnit>("/api/v1/business-units", signal), []);
  const [period] = useState(currentQuarter);
  const health = useApi(
    (signal) => apiGet<GoalHealthReport>(`/api/v1/goal-health?period=${period}`, signal),
    [period],
  );
  const healthOf: HealthOf = (id) => health.data?.goals.find((g) => g.goalId === id);
  const warnings = [...new Set(health.data?.goals.flatMap((g) => g.warnings) ?? [])].filter((w) =>
    w.includes("weights under"),
  );
  const unitName = (id: string | null) =>
    id === null ? "no owner" : (units.data?.find((u) => u.id === id)?.name ?? "");
  return (
    <section>
      <div className="page-head">
        <h1>Business goals</h1>
        <p className="muted">{goals.data ? `${goals.data.length} goals in the cascade` : ""}</p>
        <NewItemLink entity={goalEntity} />
      </div>
      <div className="toolbar">
        <ShowArchivedToggle checked={showArchived} onChange={setShowArchived} />
      </div>
      <LoadingState loading={goals.loading && !goals.data} error={goals.error} what="goals" />
      {goals.data?.length === 0 ? <p className="muted">No goals yet.</p> : null}
      <p className="muted">
        Health for {period}: the weighted mean of each goal's KPIs and sub-goals (0-100; green from 90, amber
        from 75). <Link to="/alignment">Alignment score and its explanation</Link>
      </p>
      {warnings.length > 0 ? (
        <ul className="notice" data-testid="weight-warnings">
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
      {goals.data ? (
        <GoalBranch nodes={cascadeOf(goals.data)} unitName={unitName} healthOf={healthOf} />
      ) : null}
    </section>
  );
};
