import type { EntityDescription } from "./entity-description.js";

export const personEntity: EntityDescription = {
  path: "people",
  one: "person",
  many: "people",
  title: "People",
  writePermission: "graph:write",
  fields: [
    { name: "name", label: "Name", kind: "text", formOnly: true },
    { name: "email", label: "E-mail", kind: "text" },
    { name: "businessUnitId", label: "Business unit", kind: "reference", reference: "business-units" },
    {
      name: "roles",
      label: "Job roles",
      kind: "list",
      hint: "comma-separated, e.g. service owner, BRM",
    },
  ],
};
