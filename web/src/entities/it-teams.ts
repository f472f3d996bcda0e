import type { EntityDescription } from "./entity-description.js";

export const itTeamEntity: EntityDescription = {
  path: "it-teams",
  one: "IT team",
  many: "IT teams",
  title: "IT teams",
  writePermission: "graph:write",
  fields: [
    { name: "name", label: "Name", kind: "text", formOnly: true },
    { name: "leadPersonId", label: "Team lead", kind: "reference", reference: "people" },
    {
      name: "assignmentGroups",
      label: "Assignment groups",
      kind: "list",
      hint: "the names the ticketing tool uses for this team, comma-separated",
    },
    { name: "description", label: "Description", kind: "textarea" },
  ],
};
