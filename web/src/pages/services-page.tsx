import { apiGetAll } from "../api/api-client.js";
import type { ItService, Person } from "../api/api-types.js";
import { useApi } from "../api/use-api.js";
import { EntityList } from "../components/entity-list.js";
import { EntityNameCell } from "../components/entity-name-cell.js";
import { serviceEntity } from "../entities/services.js";

/** The service catalogue: every IT service the user may see, searchable by name. */
export const ServicesPage = () => {
  const people = useApi((signal) => apiGetAll<Person>("/api/v1/people", signal), []);
  const nameOf = (id: string | null) =>
    id === null ? "—" : (people.data?.find((p) => p.id === id)?.name ?? "—");
  return (
    <EntityList<ItService>
      title="Service catalogue"
      path="services"
      noun="services"
      one="service"
      entity={serviceEntity}
      columns={[
        { label: "Name", render: (s) => <EntityNameCell path="services" item={s} /> },
        {
          label: "Tier",
          render: (s) => <span className={`tier tier-${s.criticalityTier}`}>{s.criticalityTier}</span>,
        },
        { label: "Lifecycle", render: (s) => <span className="tag">{s.lifecycleStatus}</span> },
        { label: "Business owner", render: (s) => nameOf(s.businessOwnerId) },
        {
          label: "Availability target",
          numeric: true,
          render: (s) => (s.availabilityTarget === null ? "—" : `${s.availabilityTarget}%`),
        },
      ]}
    />
  );
};
