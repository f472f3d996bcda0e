import type { GoalLevel } from "../schemas/business-goal.js";

/**
 * The rows of (part of) the alignment graph that the graph questions are answered from.
 * The store hands over only live rows (archived ones left out); a link whose end is not among
 * the rows is ignored, so leaving a node out removes it and its links from every answer.
 */
export interface UnitRow {
  id: string;
  name: string;
  parentId: string | null;
}

export interface GoalRow {
  id: string;
  name: string;
  level: GoalLevel;
  parentId: string | null;
  ownerBusinessUnitId: string | null;
  status: string;
}

export interface CapabilityRow {
  id: string;
  name: string;
  parentId: string | null;
  ownerBusinessUnitId: string | null;
  downtimeCostPerHourCents: number;
  users: number;
}

export interface ServiceRow {
  id: string;
  name: string;
  lifecycleStatus: string;
  businessOwnerId: string | null;
}

export interface ServiceCapabilityRow {
  serviceId: string;
  capabilityId: string;
  /** 0..1 */
  strength: number;
}

export interface CapabilityGoalRow {
  capabilityId: string;
  goalId: string;
  /** 0..100 */
  weight: number;
}

export interface UnitServiceRow {
  businessUnitId: string;
  serviceId: string;
  /** 0..100 */
  share: number;
}

export interface ServiceDependencyRow {
  /** The service that depends … */
  serviceId: string;
  /** … on this one. */
  dependsOnServiceId: string;
}

export interface GraphRows {
  units: UnitRow[];
  goals: GoalRow[];
  capabilities: CapabilityRow[];
  services: ServiceRow[];
  serviceCapabilities: ServiceCapabilityRow[];
  capabilityGoals: CapabilityGoalRow[];
  unitServices: UnitServiceRow[];
  serviceDependencies: ServiceDependencyRow[];
}

export interface InitiativeRow {
  id: string;
  name: string;
}

export interface InitiativeGoalRow {
  initiativeId: string;
  goalId: string;
  /** 0..100 */
  weight: number;
}

/** The whole live graph plus what only the gap report looks at. */
export interface GapRows extends GraphRows {
  /** Services with at least one SLA target row. */
  slaServiceIds: string[];
  initiatives: InitiativeRow[];
  initiativeGoals: InitiativeGoalRow[];
}

export const emptyGraphRows = (): GraphRows => ({
  units: [],
  goals: [],
  capabilities: [],
  services: [],
  serviceCapabilities: [],
  capabilityGoals: [],
  unitServices: [],
  serviceDependencies: [],
});
