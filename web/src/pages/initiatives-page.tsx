import type { Initiative } from "../api/api-types.js";
import { EntityList } from "../components/entity-list.js";
import { EntityNameCell } from "../components/entity-name-cell.js";
import { formatEuros } from "../components/euros.js";
import { initiativeEntity } from "../entities/initiatives.js";

export const InitiativesPage = () => (
  <EntityList<Initiative>
    title="Initiatives"
    path="initiatives"
    noun="initiatives"
    one="initiative"
    entity={initiativeEntity}
    columns={[
      { label: "Name", render: (i) => <EntityNameCell path="initiatives" item={i} /> },
      { label: "Status", render: (i) => <span className="tag">{i.status.replace("_", " ")}</span> },
      { label: "Budget", numeric: true, render: (i) => formatEuros(i.budgetCents) },
      { label: "Start", render: (i) => i.startDate ?? "—" },
      { label: "End", render: (i) => i.endDate ?? "—" },
    ]}
  />
);
