import { apiGetAll } from "../api/api-client.js";
import type { BusinessUnit, Person } from "../api/api-types.js";
import { useApi } from "../api/use-api.js";
import { EntityList } from "../components/entity-list.js";
import { EntityNameCell } from "../components/entity-name-cell.js";
import { personEntity } from "../entities/people.js";

/** The people of the organisation (service owners, heads, leads), not the app's user accounts. */
export const PeoplePage = () => {
  const units = useApi((signal) => apiGetAll<BusinessUnit>("/api/v1/business-units", signal), []);
  const unitName = (id: string | null) =>
    id === null ? "—" : (units.data?.find((u) => u.id === id)?.name ?? "—");
  return (
    <EntityList<Person>
      title="People"
      path="people"
      noun="people"
      one="person"
      entity={personEntity}
      columns={[
        { label: "Name", render: (p) => <EntityNameCell path="people" item={p} /> },
        { label: "E-mail", render: (p) => p.email },
        { label: "Business unit", render: (p) => unitName(p.businessUnitId) },
        { label: "Job roles", render: (p) => (p.roles.length > 0 ? p.roles.join(", ") : "—") },
      ]}
    />
  );
};
