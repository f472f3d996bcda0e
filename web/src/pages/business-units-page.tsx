import type { BusinessUnit } from "../api/api-types.js";
import { EntityList } from "../components/entity-list.js";
import { formatCount } from "../components/euros.js";

export const BusinessUnitsPage = () => (
  <EntityList<BusinessUnit>
    title="Business units"
    path="business-units"
    noun="business units"
    one="business unit"
    columns={[
      { label: "Name", render: (u) => u.name },
      { label: "Code", render: (u) => u.code ?? "—" },
      { label: "Headcount", numeric: true, render: (u) => formatCount(u.headcount) },
      { label: "Description", render: (u) => <span className="muted">{u.description}</span> },
    ]}
  />
);
