import type { BusinessUnit } from "../api/api-types.js";
import { EntityList } from "../components/entity-list.js";
import { EntityNameCell } from "../components/entity-name-cell.js";
import { formatCount } from "../components/euros.js";
import { businessUnitEntity } from "../entities/business-units.js";

export const BusinessUnitsPage = () => (
  <EntityList<BusinessUnit>
    title="Business units"
    path="business-units"
    noun="business units"
    one="business unit"
    entity={businessUnitEntity}
    columns={[
      { label: "Name", render: (u) => <EntityNameCell path="business-units" item={u} /> },
      { label: "Code", render: (u) => u.code ?? "—" },
      { label: "Headcount", numeric: true, render: (u) => formatCount(u.headcount) },
      { label: "Description", render: (u) => <span className="muted">{u.description}</span> },
    ]}
  />
);
