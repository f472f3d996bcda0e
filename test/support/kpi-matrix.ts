import type { Role } from "../../src/domain/schemas/user.js";
import type { Repositories } from "../../src/store/repositories/index.js";
import { makeKpi } from "./kpi-factories.js";

/** Rows of the authorization matrix for the KPI routes (see test/api/authorization-matrix.test.ts). */
export const kpiMatrixRows = (
  all: readonly Role[],
  businessWrite: readonly Role[],
): Record<string, { allow: readonly Role[]; scopedId?: boolean }> => ({
  "GET /api/v1/kpis": { allow: all },
  "GET /api/v1/kpis/{id}": { allow: all, scopedId: true },
  "POST /api/v1/kpis": { allow: businessWrite },
  "PATCH /api/v1/kpis/{id}": { allow: businessWrite },
  "POST /api/v1/kpis/{id}/archive": { allow: businessWrite },
  "POST /api/v1/kpis/{id}/restore": { allow: businessWrite },
  "DELETE /api/v1/kpis/{id}": { allow: businessWrite },
  "GET /api/v1/kpis/{id}/referrers": { allow: all.filter((r) => r !== "business_stakeholder") },
  "GET /api/v1/kpis/library": { allow: all },
  "POST /api/v1/kpis/from-template": { allow: businessWrite },
  "GET /api/v1/kpis/readings": { allow: all },
  "POST /api/v1/kpis/recompute": { allow: businessWrite },
  "POST /api/v1/kpis/measurements/import": { allow: businessWrite },
  "GET /api/v1/kpis/correlation": { allow: all },
  "GET /api/v1/kpis/{id}/targets": { allow: all, scopedId: true },
  "PUT /api/v1/kpis/{id}/targets": { allow: businessWrite },
  "GET /api/v1/kpis/{id}/measurements": { allow: all, scopedId: true },
  "POST /api/v1/kpis/{id}/measurements": { allow: businessWrite },
  "GET /api/v1/kpis/{id}/history": { allow: all, scopedId: true },
  "GET /api/v1/goal-health": { allow: all },
  "GET /api/v1/alignment-score": { allow: all },
  "GET /api/v1/benchmarks": { allow: all },
  "POST /api/v1/benchmarks": { allow: businessWrite },
});

const state = { insideGoal: "", inside: "", outside: "", insideName: "", counter: 0 };

/** A KPI on a goal of the stakeholder's unit and one on another unit's goal. */
export const arrangeKpiMatrix = async (sys: Repositories, insideGoalId: string, outsideGoalId: string) => {
  const inside = await makeKpi(sys, { goalId: insideGoalId, name: "Matrix sales KPI" });
  const outside = await makeKpi(sys, { goalId: outsideGoalId, name: "Matrix HR KPI" });
  Object.assign(state, {
    insideGoal: insideGoalId,
    inside: inside.id,
    outside: outside.id,
    insideName: inside.name,
  });
};

const isKpiRoute = (path: string) =>
  path.startsWith("/api/v1/kpis") ||
  path === "/api/v1/goal-health" ||
  path === "/api/v1/alignment-score" ||
  path === "/api/v1/benchmarks";

/** The request for a KPI route, or null for other routes. */
export const kpiMatrixRequest = async (
  sys: Repositories,
  method: string,
  path: string,
  side: "inside" | "outside",
): Promise<{ url: string; payload?: object } | null> => {
  if (!isKpiRoute(path)) return null;
  state.counter += 1;
  const n = state.counter;
  const fresh = async () => (await makeKpi(sys, { goalId: state.insideGoal, name: `Matrix KPI ${n}` })).id;
  if (path.includes("{id}")) {
    const id = method === "GET" ? (side === "inside" ? state.inside : state.outside) : await fresh();
    const url = path.replace("{id}", id);
    if (method === "PATCH") return { url, payload: { definition: `changed ${n}` } };
    if (path.endsWith("/targets") && method === "PUT")
      return { url, payload: { periodStart: "2026-01-01", periodEnd: "2026-12-31", baseline: 1, target: 2 } };
    if (path.endsWith("/measurements") && method === "POST")
      return { url, payload: { measuredOn: "2026-11-02", value: 5 } };
    return { url };
  }
  switch (`${method} ${path}`) {
    case "POST /api/v1/kpis":
      return {
        url: path,
        payload: {
          name: `Matrix new KPI ${n}`,
          layer: "strategic",
          goalId: state.insideGoal,
          source: { kind: "measurement" },
          unit: "count",
          direction: "higher",
          frequency: "monthly",
        },
      };
    case "POST /api/v1/kpis/from-template":
      return {
        url: path,
        payload: {
          templateKey: "weekly-online-sales",
          goalId: state.insideGoal,
          name: `Matrix template KPI ${n}`,
        },
      };
    case "POST /api/v1/kpis/recompute":
      return { url: path, payload: { period: "2026-Q4" } };
    case "POST /api/v1/kpis/measurements/import":
      return { url: path, payload: { csv: `kpi,date,value\n${state.insideName},2026-11-02,${n}\n` } };
    case "GET /api/v1/kpis/correlation":
      return {
        url: `${path}?itKpiId=${state.inside}&businessKpiId=${state.inside}&from=2026-09-01&to=2026-10-01`,
      };
    case "POST /api/v1/benchmarks":
      return {
        url: path,
        payload: {
          name: `Matrix benchmarks ${n}`,
          values: [{ name: "x", source: "test", value: 1, unit: "percent", year: 2025 }],
        },
      };
    default:
      return { url: path };
  }
};
