import { useState } from "react";
import { Link } from "react-router";
import { apiGetAll } from "../api/api-client.js";
import type { BusinessGoal, BusinessUnit } from "../api/api-types.js";
import { useApi } from "../api/use-api.js";
import { ArchivedBadge } from "../components/archived-badge.js";
import { LoadingState } from "../components/loading-state.js";
import { NewItemLink } from "../components/new-item-link.js";
import { ShowArchivedToggle } from "../components/show-archived-toggle.js";
import { goalEntity } from "../entities/goals.js";

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

const GoalBranch = ({ nodes, unitName }: { nodes: GoalNode[]; unitName: (id: string | null) => string }) => (
  <ul className="goal-tree">
    {nodes.map(({ goal, children }) => (
      <li key={goal.id}>
        <div className="goal-row">
          <Link to={`/goals/${goal.id}`}>{goal.name}</Link>
          <span className="tag">{goal.level}</span>
          <span className={`status status-${goal.status}`}>{goal.status}</span>
          <span className="muted">{unitName(goal.ownerBusinessUnitId)}</span>
          {goal.periodEnd ? <span className="muted">until {goal.periodEnd}</span> : null}
          <ArchivedBadge archivedAt={goal.archivedAt} />
        </div>
        {children.length > 0 ? <GoalBranch nodes={children} unitName={unitName} /> : null}
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
      {goals.data ? <GoalBranch nodes={cascadeOf(goals.data)} unitName={unitName} /> : null}
    </section>
  );
};
