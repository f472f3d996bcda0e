import type { AlignmentMap } from "../schemas/graph.js";
import { byName, indexGraph } from "./graph-index.js";
import type { GraphRows } from "./graph-rows.js";

type MapNode = AlignmentMap["nodes"][number];
type MapEdge = AlignmentMap["edges"][number];

/**
 * The whole live graph as nodes and edges for drawing: units, goals, capabilities and services
 * (each in name order, in that order), then the edges grouped by kind. A parent that is not
 * among the rows (archived) is dropped, so every parentId names a node of the map.
 */
export const buildAlignmentMap = (rows: GraphRows): AlignmentMap => {
  const index = indexGraph(rows);
  const liveParent = (parentId: string | null, of: Map<string, unknown>) =>
    parentId && of.has(parentId) ? parentId : null;
  const nodes: MapNode[] = [
    ...[...rows.units].sort(byName).map((u) => ({
      id: u.id,
      name: u.name,
      kind: "unit" as const,
      parentId: liveParent(u.parentId, index.units),
      level: null,
    })),
    ...[...rows.goals].sort(byName).map((g) => ({
      id: g.id,
      name: g.name,
      kind: "goal" as const,
      parentId: liveParent(g.parentId, index.goals),
      level: g.level,
    })),
    ...[...rows.capabilities].sort(byName).map((c) => ({
      id: c.id,
      name: c.name,
      kind: "capability" as const,
      parentId: liveParent(c.parentId, index.capabilities),
      level: null,
    })),
    ...[...rows.services].sort(byName).map((s) => ({
      id: s.id,
      name: s.name,
      kind: "service" as const,
      parentId: null,
      level: null,
    })),
  ];

  const edges: MapEdge[] = [];
  const owned = [...rows.goals, ...rows.capabilities].filter(
    (n) => n.ownerBusinessUnitId && index.units.has(n.ownerBusinessUnitId),
  );
  for (const n of owned.sort(byName)) {
    edges.push({ from: n.ownerBusinessUnitId as string, to: n.id, kind: "owns", value: null });
  }
  // Adjacency lists come sorted by the other end, so walking nodes in name order gives a stable edge order.
  for (const s of [...rows.services].sort(byName)) {
    for (const c of index.consumersOfService.get(s.id) ?? []) {
      edges.push({ from: c.businessUnitId, to: s.id, kind: "consumes", value: c.share });
    }
  }
  for (const c of [...rows.capabilities].sort(byName)) {
    for (const g of index.goalsOfCapability.get(c.id) ?? []) {
      edges.push({ from: c.id, to: g.goalId, kind: "serves", value: g.weight });
    }
  }
  for (const s of [...rows.services].sort(byName)) {
    for (const c of index.capabilitiesOfService.get(s.id) ?? []) {
      edges.push({ from: s.id, to: c.capabilityId, kind: "supports", value: c.strength });
    }
  }
  for (const s of [...rows.services].sort(byName)) {
    for (const d of index.dependenciesOf.get(s.id) ?? []) {
      edges.push({ from: s.id, to: d, kind: "depends-on", value: null });
    }
  }
  return { nodes, edges };
};
