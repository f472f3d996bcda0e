import type { Criticality } from "../../../src/domain/schemas/common.js";
import { type EntityDescription, optionsOf } from "./entity-description.js";

const criticalities: Record<Criticality, string> = {
  low: "low",
  medium: "medium",
  high: "high",
  critical: "critical",
};

export const capabilityEntity: EntityDescription = {
  path: "capabilities",
  one: "capability",
  many: "capabilities",
  title: "Business capabilities",
  writePermission: "business-graph:write",
  fields: [
    { name: "name", label: "Name", kind: "text", formOnly: true },
    { name: "parentId", label: "Part of (parent capability)", kind: "reference", reference: "capabilities" },
    {
      name: "ownerBusinessUnitId",
      label: "Owner business unit",
      kind: "reference",
      reference: "business-units",
    },
    {
      name: "downtimeCostPerHourCents",
      label: "Downtime cost per hour (€)",
      kind: "euros",
      hint: "e.g. 12345.50",
    },
    { name: "users", label: "Users", kind: "number", initial: "0" },
    {
      name: "criticality",
      label: "Criticality",
      kind: "select",
      options: optionsOf(criticalities),
      initial: "medium",
    },
    { name: "description", label: "Description", kind: "textarea" },
  ],
};
