import type { Initiative } from "../../../src/domain/schemas/initiative.js";
import { type EntityDescription, optionsOf } from "./entity-description.js";

const statuses: Record<Initiative["status"], string> = {
  proposed: "proposed",
  approved: "approved",
  in_progress: "in progress",
  done: "done",
  cancelled: "cancelled",
};

export const initiativeEntity: EntityDescription = {
  path: "initiatives",
  one: "initiative",
  many: "initiatives",
  title: "Initiatives",
  writePermission: "business-graph:write",
  fields: [
    { name: "name", label: "Name", kind: "text", formOnly: true },
    {
      name: "sponsorBusinessUnitId",
      label: "Sponsor business unit",
      kind: "reference",
      reference: "business-units",
    },
    {
      name: "status",
      label: "Status",
      kind: "select",
      options: optionsOf(statuses),
      initial: "proposed",
    },
    { name: "budgetCents", label: "Budget (€)", kind: "euros" },
    { name: "startDate", label: "Start", kind: "date" },
    { name: "endDate", label: "End", kind: "date" },
    { name: "description", label: "Description", kind: "textarea" },
  ],
};
