import type { FieldIssue } from "./errors.js";
import { parentLevelOf } from "./schemas/business-goal.js";
import type { Workspace } from "./schemas/workspace.js";

/**
 * The rules a workspace must keep beyond the shape of each item: ids and names unique, every
 * reference pointing at an item of the same document, trees and dependencies without cycles,
 * the goal cascade in order. Checked before anything is written, so an import either fails
 * with every problem named by its path or writes the whole document.
 */
export const checkWorkspaceIntegrity = (w: Workspace): FieldIssue[] => {
  const issues: FieldIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });

  const idsOf = <T extends { id: string }>(section: string, items: T[]) => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const first = seen.get(item.id);
      if (first !== undefined) add(`${section}.${i}.id`, `duplicate id (also at ${section}.${first})`);
      else seen.set(item.id, i);
    });
    return seen;
  };
  const uniqueKey = <T>(section: string, field: string, items: T[], key: (item: T) => string) => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const k = key(item).trim().toLowerCase();
      const first = seen.get(k);
      if (first !== undefined) add(`${section}.${i}.${field}`, `already used by ${section}.${first}`);
      else seen.set(k, i);
    });
  };

  const units = idsOf("businessUnits", w.businessUnits);
  const people = idsOf("people", w.people);
  const teams = idsOf("itTeams", w.itTeams);
  const goals = idsOf("goals", w.goals);
  const capabilities = idsOf("capabilities", w.capabilities);
  const services = idsOf("services", w.services);
  const initiatives = idsOf("initiatives", w.initiatives);

  uniqueKey("businessUnits", "name", w.businessUnits, (u) => u.name);
  uniqueKey("people", "email", w.people, (p) => p.email);
  uniqueKey("itTeams", "name", w.itTeams, (t) => t.name);
  uniqueKey("goals", "name", w.goals, (g) => g.name);
  uniqueKey("capabilities", "name", w.capabilities, (c) => c.name);
  uniqueKey("services", "name", w.services, (s) => s.name);
  uniqueKey("initiatives", "name", w.initiatives, (i) => i.name);

  const refer = (path: string, value: string | null, target: Map<string, number>, what: string) => {
    if (value !== null && !target.has(value)) add(path, `no ${what} with id ${value} in this workspace`);
  };
  w.businessUnits.forEach((u, i) => {
    refer(`businessUnits.${i}.parentId`, u.parentId, units, "business unit");
    refer(`businessUnits.${i}.headPersonId`, u.headPersonId, people, "person");
  });
  for (const [i, p] of w.people.entries())
    refer(`people.${i}.businessUnitId`, p.businessUnitId, units, "business unit");
  for (const [i, t] of w.itTeams.entries())
    refer(`itTeams.${i}.leadPersonId`, t.leadPersonId, people, "person");
  w.goals.forEach((g, i) => {
    refer(`goals.${i}.ownerBusinessUnitId`, g.ownerBusinessUnitId, units, "business unit");
    const expected = parentLevelOf[g.level];
    if (g.parentId === null) {
      if (expected !== null) add(`goals.${i}.parentId`, `a ${g.level} needs a parent ${expected}`);
      return;
    }
    const parentIndex = goals.get(g.parentId);
    if (parentIndex === undefined)
      add(`goals.${i}.parentId`, `no goal with id ${g.parentId} in this workspace`);
    else if (expected === null) add(`goals.${i}.parentId`, "a strategic goal has no parent");
    else if (w.goals[parentIndex]?.level !== expected)
      add(`goals.${i}.parentId`, `the parent of a ${g.level} must be a ${expected}`);
  });
  w.capabilities.forEach((c, i) => {
    refer(`capabilities.${i}.parentId`, c.parentId, capabilities, "capability");
    refer(`capabilities.${i}.ownerBusinessUnitId`, c.ownerBusinessUnitId, units, "business unit");
  });
  w.services.forEach((s, i) => {
    refer(`services.${i}.serviceOwnerId`, s.serviceOwnerId, people, "person");
    refer(`services.${i}.businessOwnerId`, s.businessOwnerId, people, "person");
    refer(`services.${i}.itTeamId`, s.itTeamId, teams, "IT team");
  });
  for (const [i, n] of w.initiatives.entries())
    refer(`initiatives.${i}.sponsorBusinessUnitId`, n.sponsorBusinessUnitId, units, "business unit");

  const aliases = new Map<string, string>();
  for (const [i, s] of w.services.entries())
    for (const [j, a] of s.aliases.entries()) {
      const key = `${a.kind}:${a.value.toLowerCase()}`;
      const first = aliases.get(key);
      if (first !== undefined) add(`services.${i}.aliases.${j}.value`, `already an alias of ${first}`);
      else aliases.set(key, `services.${i}`);
    }

  const link = <T>(section: string, items: T[], ends: [keyof T & string, Map<string, number>, string][]) => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      for (const [field, target, what] of ends)
        refer(`links.${section}.${i}.${field}`, item[field] as string, target, what);
      const key = ends.map(([field]) => item[field]).join("|");
      const first = seen.get(key);
      if (first !== undefined) add(`links.${section}.${i}`, `the same link as links.${section}.${first}`);
      else seen.set(key, i);
    });
  };
  const { links } = w;
  link("serviceCapability", links.serviceCapability, [
    ["serviceId", services, "service"],
    ["capabilityId", capabilities, "capability"],
  ]);
  link("capabilityGoal", links.capabilityGoal, [
    ["capabilityId", capabilities, "capability"],
    ["goalId", goals, "goal"],
  ]);
  link("unitService", links.unitService, [
    ["businessUnitId", units, "business unit"],
    ["serviceId", services, "service"],
  ]);
  link("initiativeGoal", links.initiativeGoal, [
    ["initiativeId", initiatives, "initiative"],
    ["goalId", goals, "goal"],
  ]);
  link("serviceDependency", links.serviceDependency, [
    ["serviceId", services, "service"],
    ["dependsOnServiceId", services, "service"],
  ]);
  links.serviceDependency.forEach((d, i) => {
    if (d.serviceId === d.dependsOnServiceId)
      add(`links.serviceDependency.${i}`, "a service cannot depend on itself");
  });

  const cycle = (section: string, edges: [string, string][], index: Map<string, number>) => {
    const member = firstCycle(edges);
    if (member)
      add(`${section}.${index.get(member[0] ?? "") ?? 0}.parentId`, `part of a cycle: ${member.join(" → ")}`);
  };
  cycle(
    "businessUnits",
    w.businessUnits.flatMap((u) => (u.parentId ? [[u.id, u.parentId] as [string, string]] : [])),
    units,
  );
  cycle(
    "capabilities",
    w.capabilities.flatMap((c) => (c.parentId ? [[c.id, c.parentId] as [string, string]] : [])),
    capabilities,
  );
  const dependencyCycle = firstCycle(links.serviceDependency.map((d) => [d.serviceId, d.dependsOnServiceId]));
  if (dependencyCycle)
    add("links.serviceDependency", `dependencies form a cycle: ${dependencyCycle.join(" → ")}`);
  return issues;
};

/** The nodes of one cycle in a directed graph (first node repeated at the end), or null. */
export const firstCycle = (edges: [string, string][]): string[] | null => {
  const next = new Map<string, string[]>();
  for (const [from, to] of edges) next.set(from, [...(next.get(from) ?? []), to]);
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, "open");
    path.push(node);
    for (const to of next.get(node) ?? []) {
      if (state.get(to) === "open") return [...path.slice(path.indexOf(to)), to];
      if (!state.has(to)) {
        const found = visit(to);
        if (found) return found;
      }
    }
    path.pop();
    state.set(node, "done");
    return null;
  };
  for (const node of next.keys()) {
    if (!state.has(node)) {
      const found = visit(node);
      if (found) return found;
    }
  }
  return null;
};
