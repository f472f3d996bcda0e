import { describe, expect, it } from "vitest";
import { type Kpi, kpiUnit } from "../../src/domain/schemas/kpi.js";
import { benchmarkFigure, figuresFor, kpiUnits } from "../../web/src/kpis/benchmark-figures.js";
import {
  checkKpiForm,
  kpiBodyOf,
  kpiFormOf,
  newKpiForm,
  sourceOf,
} from "../../web/src/kpis/kpi-form-values.js";

const GOAL = "11111111-1111-4111-8111-111111111111";
const SHOP = "22222222-2222-4222-8222-222222222222";

/** A sound new-KPI form on a goal. */
const sound = () => ({ ...newKpiForm({ kind: "goal", id: GOAL }), name: "Weekly sales", unit: "cents" });

describe("the KPI form's values", () => {
  it("makes the request body the API expects, anchored on one of goal, service or unit", () => {
    expect(kpiBodyOf({ ...sound(), definition: "Net sales.", weight: "2,5" }, false)).toEqual({
      name: "Weekly sales",
      layer: "operational",
      goalId: GOAL,
      serviceId: null,
      businessUnitId: null,
      source: { kind: "measurement", aggregation: "sum" },
      unit: "cents",
      direction: "higher",
      frequency: "monthly",
      ownerPersonId: null,
      definition: "Net sales.",
      weight: 2.5,
      greenFrom: 90,
      amberFrom: 75,
      templateKey: null,
    });
    const onService = kpiBodyOf({ ...sound(), anchorKind: "service", anchorId: SHOP }, false);
    expect([onService.goalId, onService.serviceId, onService.businessUnitId]).toEqual([null, SHOP, null]);
    // An edit cannot move a KPI: the anchor is not sent.
    expect(Object.keys(kpiBodyOf(sound(), true))).not.toContain("goalId");
  });

  it("sends each source kind with exactly the fields of its slice", () => {
    const v = { ...sound(), measure: "m", sourceServiceId: SHOP, sourceBusinessUnitId: GOAL, surveyId: "" };
    expect(sourceOf({ ...v, sourceKind: "metric" })).toEqual({
      kind: "metric",
      metric: "m",
      serviceId: SHOP,
      businessUnitId: GOAL,
    });
    expect(sourceOf({ ...v, sourceKind: "survey" })).toEqual({
      kind: "survey",
      measure: "m",
      surveyId: null,
      serviceId: SHOP,
    });
    expect(sourceOf({ ...v, sourceKind: "feedback" })).toEqual({
      kind: "feedback",
      measure: "m",
      serviceId: SHOP,
    });
    expect(sourceOf({ ...v, sourceKind: "cost" })).toEqual({
      kind: "cost",
      measure: "m",
      serviceId: SHOP,
      businessUnitId: GOAL,
    });
    expect(sourceOf({ ...v, sourceKind: "measurement", aggregation: "last" })).toEqual({
      kind: "measurement",
      aggregation: "last",
    });
  });

  it("is checked with the API's schema, each problem under the API's path", () => {
    expect(checkKpiForm(sound(), false)).toEqual({});
    expect(Object.keys(checkKpiForm({ ...sound(), name: " " }, false))).toEqual(["name"]);
    expect(Object.keys(checkKpiForm({ ...sound(), anchorId: "" }, false))).toEqual(["goalId"]);
    expect(Object.keys(checkKpiForm({ ...sound(), weight: "heavy" }, false))).toEqual(["weight"]);
    expect(Object.keys(checkKpiForm({ ...sound(), definition: "x".repeat(301) }, false))).toEqual([
      "definition",
    ]);
    expect(checkKpiForm({ ...sound(), greenFrom: "80", amberFrom: "85" }, false)).toEqual({
      amberFrom: "must not be above greenFrom",
    });
    expect(Object.keys(checkKpiForm({ ...sound(), sourceKind: "metric", measure: "" }, false))).toEqual([
      "source.metric",
    ]);
    // An edit has no anchor to check.
    expect(checkKpiForm({ ...sound(), anchorId: "" }, true)).toEqual({});
  });

  it("starts an edit from the stored KPI, and gives the same body back", () => {
    const stored: Kpi = {
      id: "33333333-3333-4333-8333-333333333333",
      version: 4,
      createdAt: "2026-11-01T00:00:00Z",
      updatedAt: "2026-11-02T00:00:00Z",
      archivedAt: null,
      name: "Shop availability",
      layer: "operational",
      goalId: null,
      serviceId: SHOP,
      businessUnitId: null,
      source: { kind: "metric", metric: "availabilityPct", serviceId: SHOP, businessUnitId: null },
      unit: "percent",
      direction: "higher",
      frequency: "monthly",
      ownerPersonId: null,
      definition: "Up time.",
      weight: 2,
      greenFrom: 95,
      amberFrom: 80,
      templateKey: "availability",
    };
    const form = kpiFormOf(stored);
    expect([form.anchorKind, form.anchorId, form.measure]).toEqual(["service", SHOP, "availabilityPct"]);
    const { id: _id, version: _v, createdAt: _c, updatedAt: _u, archivedAt: _a, ...fields } = stored;
    expect(kpiBodyOf(form, false)).toEqual(fields);
  });
});

describe("benchmark figures for a KPI", () => {
  const sets = [
    {
      id: "a",
      name: "Shipped",
      shipped: true,
      values: [
        {
          name: "Incident happiness",
          source: "S",
          value: 67,
          unit: "score",
          year: 2019,
          templateKey: "happiness",
        },
        { name: "Lost time", source: "S", value: 3, unit: "hours", year: 2019, templateKey: "lost-time" },
        { name: "Unlinked", source: "S", value: 1, unit: "count", year: 2019, templateKey: null },
      ],
    },
    {
      id: "b",
      name: "Peers",
      shipped: false,
      values: [
        {
          name: "Peer happiness",
          source: "P",
          value: 70,
          unit: "score",
          year: 2025,
          templateKey: "happiness",
        },
      ],
    },
  ];

  it("are those kept for the library KPI the KPI measures, from every set; none without one", () => {
    expect(figuresFor(sets, "happiness").map((f) => [f.set, f.name])).toEqual([
      ["Shipped", "Incident happiness"],
      ["Peers", "Peer happiness"],
    ]);
    expect(figuresFor(sets, null)).toEqual([]);
    expect(figuresFor(sets, "csat")).toEqual([]);
  });

  it("are shown with their unit", () => {
    expect(kpiUnits).toEqual(kpiUnit.options);
    expect(benchmarkFigure(99.5, "percent")).toBe("99.5 %");
    expect(benchmarkFigure(1234, "EUR per employee")).toBe("1,234 EUR per employee");
  });
});
