import type { Capability } from "../api/api-types.js";
import { EntityList } from "../components/entity-list.js";
import { EntityNameCell } from "../components/entity-name-cell.js";
import { formatCount, formatEuros } from "../components/euros.js";
import { capabilityEntity } from "../entities/capabilities.js";

export const CapabilitiesPage = () => (
  <EntityList<Capability>
    title="Business capabilities"
    path="capabilities"
    noun="capabilities"
    one="capability"
    entity={capabilityEntity}
    columns={[
      { label: "Name", render: (c) => <EntityNameCell path="capabilities" item={c} /> },
      {
        label: "Criticality",
        render: (c) => <span className={`tag crit-${c.criticality}`}>{c.criticality}</span>,
      },
      { label: "Users", numeric: true, render: (c) => formatCount(c.users) },
      {
        label: "Downtime cost per hour",
        numeric: true,
        render: (c) => formatEuros(c.downtimeCostPerHourCents),
      },
    ]}
  />
);
