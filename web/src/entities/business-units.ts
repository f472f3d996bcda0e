import type { EntityDescription } from "./entity-description.js";

export const businessUnitEntity: EntityDescription = {
  path: "business-units",
  one: "business unit",
  many: "business units",
  title: "Business units",
  writePermission: "graph:write",
  fields: [
    { name: "name", label: "Name", kind: "text", formOnly: true },
    { name: "code", label: "Code", kind: "text", nullable: true, hint: "a short code, e.g. RB" },
    { name: "parentId", label: "Part of (parent unit)", kind: "reference", reference: "business-units" },
    { name: "headPersonId", label: "Head", kind: "reference", reference: "people" },
    { name: "headcount", label: "Headcount", kind: "number", initial: "0" },
    { name: "description", label: "Description", kind: "textarea" },
  ],
};
