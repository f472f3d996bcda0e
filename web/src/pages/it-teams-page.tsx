import type { ItTeam } from "../api/api-types.js";
import { EntityList } from "../components/entity-list.js";
import { EntityNameCell } from "../components/entity-name-cell.js";
import { itTeamEntity } from "../entities/it-teams.js";

export const ItTeamsPage = () => (
  <EntityList<ItTeam>
    title="IT teams"
    path="it-teams"
    noun="IT teams"
    one="IT team"
    entity={itTeamEntity}
    columns={[
      { label: "Name", render: (t) => <EntityNameCell path="it-teams" item={t} /> },
      {
        label: "Assignment groups",
        render: (t) => (t.assignmentGroups.length > 0 ? t.assignmentGroups.join(", ") : "—"),
      },
      { label: "Description", render: (t) => <span className="muted">{t.description}</span> },
    ]}
  />
);
