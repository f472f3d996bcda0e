import type { ServiceHours, SlaTarget } from "../schemas/it-service.js";
import { type Workspace, workspace, workspaceFormat, workspaceVersion } from "../schemas/workspace.js";
import { seededRandom } from "../seeded-random.js";
import { demoEmail, nordwindPeople, nordwindTeams, nordwindUnits } from "./nordwind-people.js";
import type { DemoHours } from "./nordwind-services.js";
import { nordwindServices } from "./nordwind-services.js";
import { nordwindCapabilities, nordwindGoals, nordwindInitiatives } from "./nordwind-strategy.js";

const storeHolidays = ["2026-12-25", "2026-12-26", "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-01"];
const hoursOf: Record<DemoHours, ServiceHours | null> = {
  always: null,
  stores: {
    timeZone: "Europe/Berlin",
    windows: (["mon", "tue", "wed", "thu", "fri", "sat"] as const).map((day) => ({
      day,
      start: "08:00",
      end: "21:00",
    })),
    holidays: storeHolidays,
  },
  office: {
    timeZone: "Europe/Berlin",
    windows: (["mon", "tue", "wed", "thu", "fri"] as const).map((day) => ({
      day,
      start: "07:00",
      end: "19:00",
    })),
    holidays: storeHolidays,
  },
};

const HOUR = 3600;
const DAY = 24 * HOUR;
/** Response and resolution targets per priority, by criticality tier (tier 1 is business-critical). */
const slaByTier: Record<number, SlaTarget[]> = {
  1: [
    { priority: 1, responseSeconds: 15 * 60, resolutionSeconds: 4 * HOUR },
    { priority: 2, responseSeconds: 30 * 60, resolutionSeconds: 8 * HOUR },
    { priority: 3, responseSeconds: 4 * HOUR, resolutionSeconds: 3 * DAY },
    { priority: 4, responseSeconds: 8 * HOUR, resolutionSeconds: 5 * DAY },
  ],
  2: [
    { priority: 1, responseSeconds: 30 * 60, resolutionSeconds: 8 * HOUR },
    { priority: 2, responseSeconds: HOUR, resolutionSeconds: DAY },
    { priority: 3, responseSeconds: 8 * HOUR, resolutionSeconds: 5 * DAY },
    { priority: 4, responseSeconds: DAY, resolutionSeconds: 10 * DAY },
  ],
  3: [
    { priority: 1, responseSeconds: HOUR, resolutionSeconds: DAY },
    { priority: 2, responseSeconds: 4 * HOUR, resolutionSeconds: 3 * DAY },
    { priority: 3, responseSeconds: DAY, resolutionSeconds: 10 * DAY },
  ],
  4: [{ priority: 3, responseSeconds: DAY, resolutionSeconds: 20 * DAY }],
};

/**
 * The demo organisation as a workspace document. The seed fixes the ids, so two demos made with
 * the same seed are the same byte for byte; the content itself is written by hand, with its gaps
 * on purpose, so that every page of Tandem has something true to show.
 */
export const buildDemoWorkspace = (seed: number): Workspace => {
  const random = seededRandom(seed);
  const idsFor = (names: string[]) => new Map(names.map((name) => [name, random.uuid()]));
  const units = idsFor(nordwindUnits.map((u) => u.name));
  const people = idsFor(nordwindPeople.map((p) => p.name));
  const teams = idsFor(nordwindTeams.map((t) => t.name));
  const goals = idsFor(nordwindGoals.map((g) => g.name));
  const capabilities = idsFor(nordwindCapabilities.map((c) => c.name));
  const services = idsFor(nordwindServices.map((s) => s.name));
  const initiatives = idsFor(nordwindInitiatives.map((i) => i.name));
  // A misspelt name in the content is a bug in this file; fail loudly rather than drop a link.
  const ref = (map: Map<string, string>, name: string): string => {
    const found = map.get(name);
    if (!found) throw new Error(`demo organisation: nothing named "${name}"`);
    return found;
  };
  const optional = (map: Map<string, string>, name: string | null) => (name === null ? null : ref(map, name));

  const document: Workspace = {
    format: workspaceFormat,
    version: workspaceVersion,
    businessUnits: nordwindUnits.map((u) => ({
      id: ref(units, u.name),
      name: u.name,
      code: u.code,
      parentId: optional(units, u.parent),
      headPersonId: ref(people, u.head),
      headcount: u.headcount,
      description: u.description,
      archivedAt: null,
    })),
    people: nordwindPeople.map((p) => ({
      id: ref(people, p.name),
      name: p.name,
      email: demoEmail(p.name),
      businessUnitId: ref(units, p.unit),
      roles: p.roles,
      archivedAt: null,
    })),
    itTeams: nordwindTeams.map((t) => ({
      id: ref(teams, t.name),
      name: t.name,
      leadPersonId: ref(people, t.lead),
      assignmentGroups: t.assignmentGroups,
      description: t.description,
      archivedAt: null,
    })),
    goals: nordwindGoals.map((g) => ({
      id: ref(goals, g.name),
      name: g.name,
      level: g.level,
      parentId: optional(goals, g.parent),
      ownerBusinessUnitId: ref(units, g.owner),
      priorityWeight: g.priorityWeight,
      periodStart: "2026-01-01",
      periodEnd: g.level === "strategic" ? "2028-12-31" : "2027-12-31",
      status: "active",
      description: g.description,
      archivedAt: null,
    })),
    capabilities: nordwindCapabilities.map((c) => ({
      id: ref(capabilities, c.name),
      name: c.name,
      parentId: optional(capabilities, c.parent),
      ownerBusinessUnitId: optional(units, c.owner),
      downtimeCostPerHourCents: c.downtimeEurosPerHour * 100,
      users: c.users,
      criticality: c.criticality,
      description: "",
      archivedAt: null,
    })),
    services: nordwindServices.map((s) => ({
      id: ref(services, s.name),
      name: s.name,
      description: s.description,
      serviceOwnerId: ref(people, s.serviceOwner),
      businessOwnerId: optional(people, s.businessOwner),
      itTeamId: ref(teams, s.team),
      criticalityTier: s.tier,
      lifecycleStatus: s.lifecycle,
      serviceHours: hoursOf[s.hours],
      availabilityTarget: s.availabilityTarget,
      slaTargets: s.sla ? (slaByTier[s.tier] ?? []) : [],
      aliases: s.aliases,
      archivedAt: null,
    })),
    initiatives: nordwindInitiatives.map((i) => ({
      id: ref(initiatives, i.name),
      name: i.name,
      sponsorBusinessUnitId: ref(units, i.sponsor),
      status: i.status,
      budgetCents: i.budgetEuros * 100,
      startDate: i.start,
      endDate: i.end,
      description: i.description,
      archivedAt: null,
    })),
    links: {
      serviceCapability: nordwindServices.flatMap((s) =>
        s.supports.map(([capability, strength]) => ({
          serviceId: ref(services, s.name),
          capabilityId: ref(capabilities, capability),
          strength,
        })),
      ),
      capabilityGoal: nordwindCapabilities.flatMap((c) =>
        c.serves.map(([goal, weight]) => ({
          capabilityId: ref(capabilities, c.name),
          goalId: ref(goals, goal),
          weight,
        })),
      ),
      unitService: nordwindServices.flatMap((s) =>
        s.consumers.map(([unit, share]) => ({
          businessUnitId: ref(units, unit),
          serviceId: ref(services, s.name),
          share,
        })),
      ),
      initiativeGoal: nordwindInitiatives.flatMap((i) =>
        i.goals.map(([goal, weight]) => ({
          initiativeId: ref(initiatives, i.name),
          goalId: ref(goals, goal),
          weight,
        })),
      ),
      serviceDependency: nordwindServices.flatMap((s) =>
        s.dependsOn.map((other) => ({
          serviceId: ref(services, s.name),
          dependsOnServiceId: ref(services, other),
        })),
      ),
    },
  };
  // The content must pass the same checks as any imported document.
  return workspace.parse(document);
};
