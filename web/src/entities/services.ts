import type { ItService } from "../../../src/domain/schemas/it-service.js";
import { type EntityDescription, optionsOf } from "./entity-description.js";

const lifecycles: Record<ItService["lifecycleStatus"], string> = {
  pipeline: "pipeline",
  live: "live",
  retiring: "retiring",
  retired: "retired",
};

/** A new service's main fields; SLA targets, hours and aliases come later (or through the API). */
export const serviceEntity: EntityDescription = {
  path: "services",
  one: "service",
  many: "services",
  title: "Service catalogue",
  writePermission: "graph:write",
  fields: [
    { name: "name", label: "Name", kind: "text", formOnly: true },
    { name: "description", label: "Description", kind: "textarea" },
    {
      name: "criticalityTier",
      label: "Tier",
      kind: "select",
      numeric: true,
      initial: "3",
      options: [
        { value: "1", label: "1 (business-critical)" },
        { value: "2", label: "2" },
        { value: "3", label: "3" },
        { value: "4", label: "4 (best effort)" },
      ],
    },
    {
      name: "lifecycleStatus",
      label: "Lifecycle",
      kind: "select",
      options: optionsOf(lifecycles),
      initial: "live",
    },
    {
      name: "availabilityTarget",
      label: "Availability target (%)",
      kind: "number",
      nullable: true,
      hint: "e.g. 99.9",
    },
    { name: "serviceOwnerId", label: "Service owner", kind: "reference", reference: "people" },
    { name: "businessOwnerId", label: "Business owner", kind: "reference", reference: "people" },
    { name: "itTeamId", label: "IT team", kind: "reference", reference: "it-teams" },
  ],
};
