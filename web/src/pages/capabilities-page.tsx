import type { Capability } from "../api/api-types.js";
import { EntityList } from "../components/entity-list.js";
import { formatCount, formatEuros } from "../components/euros.js";

export const CapabilitiesPage = () => (
  <EntityList<Capability>
    title="Business capabilities"
    path="capabilities"
    noun="capabilities"
    one="capability"
    columns={[
      { label: "Name", render: (c) => c.name },
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
