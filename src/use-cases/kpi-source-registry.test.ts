import { describe, expect, it } from "vitest";
import { TandemError } from "../domain/errors.js";
import { parsePeriod } from "../domain/kpis/period.js";
import type { Scorecard } from "../domain/schemas/scorecard.js";
import { feedbackSource, metricSource, scorecardFigure } from "./kpi-source-registry.js";

const card = (o: Partial<Scorecard>): Scorecard =>
  ({
    availabilityPct: null,
    mttrHours: { mean: null, median: null, p90: null, count: 0 },
    ...o,
  }) as Scorecard;
const kpi = (id: string, metric: string, serviceId: string | null) => ({
  id,
  name: id,
  unit: "percent" as const,
  formula: { kind: "metric" as const, metric, serviceId, businessUnitId: null },
});

describe("the metric source", () => {
  it("reads scorecard fields by path, null when absent", () => {
    const c = card({ availabilityPct: 99.2, mttrHours: { mean: 4.5, median: 3, p90: 9, count: 12 } });
    expect(scorecardFigure(c, "availabilityPct")).toBe(99.2);
    expect(scorecardFigure(c, "mttrHours.p90")).toBe(9);
    expect(scorecardFigure(c, "mttrHours.nope")).toBeNull();
    expect(scorecardFigure(card({}), "availabilityPct")).toBeNull();
  });

  it("asks for one scorecard per slice and says why a refused period has no data", async () => {
    const asked: string[] = [];
    const source = metricSource(async (slice) => {
      asked.push(`${slice.serviceId}:${slice.from}:${slice.to}`);
      if (slice.serviceId === "s2")
        throw new TandemError("validation", "figures of a service are kept per month");
      return card({ availabilityPct: 98.1, mttrHours: { mean: 6, median: 5, p90: 12, count: 3 } });
    });
    const readings = await source.read(
      [
        kpi("a", "availabilityPct", "s1"),
        kpi("b", "mttrHours.mean", "s1"),
        kpi("c", "availabilityPct", "s2"),
      ],
      parsePeriod("2026-Q3"),
    );
    expect(asked.sort()).toEqual(["s1:2026-07-01:2026-10-01", "s2:2026-07-01:2026-10-01"]);
    expect(readings.get("a")).toEqual({ value: 98.1, asOf: null });
    expect(readings.get("b")).toEqual({ value: 6, asOf: null });
    expect(readings.get("c")?.value).toBeNull();
    expect(readings.get("c")?.note).toMatch(/cannot answer 2026-Q3: figures of a service are kept per month/);
  });

  it("reads many single-service KPIs from one all-services answer, and the rest one by one", async () => {
    const asked: string[] = [];
    const batches: string[] = [];
    const source = metricSource(
      async (slice) => {
        asked.push(String(slice.serviceId));
        return card({ availabilityPct: 90 });
      },
      async (period) => {
        batches.push(`${period.from}:${period.to}`);
        return new Map([
          ["s1", card({ availabilityPct: 99.1 })],
          ["s2", card({ availabilityPct: 99.2 })],
          ["s3", card({ availabilityPct: 99.3 })],
        ]);
      },
    );
    const readings = await source.read(
      [
        kpi("a", "availabilityPct", "s1"),
        kpi("b", "availabilityPct", "s2"),
        kpi("c", "availabilityPct", "s3"),
        kpi("d", "availabilityPct", "s9"),
      ],
      parsePeriod("2026-Q3"),
    );
    expect(batches).toEqual(["2026-07-01:2026-10-01"]);
    // s9 is not in the answer (not visible, or archived): asked on its own.
    expect(asked).toEqual(["s9"]);
    expect([...readings.values()].map((r) => r.value)).toEqual([99.1, 99.2, 99.3, 90]);
  });

  it("lets other failures through", async () => {
    const source = metricSource(async () => {
      throw new Error("database gone");
    });
    await expect(source.read([kpi("a", "availabilityPct", "s1")], parsePeriod("2026-Q3"))).rejects.toThrow(
      "database gone",
    );
  });
});

describe("the feedback source", () => {
  const fb = (id: string, measure: string, serviceId: string | null = null) => ({
    id,
    name: id,
    unit: "score" as const,
    formula: { kind: "feedback" as const, measure, serviceId },
  });
  it("reads happiness and lost hours for the period's days, and says why a figure is missing", async () => {
    const asked: string[] = [];
    const source = feedbackSource(async ({ from, to }) => {
      asked.push(`${from}..${to}`);
      return { happiness: 42, meanLostMinutes: 90 };
    });
    const r = await source.read(
      [
        fb("h", "happiness"),
        fb("l", "lostHoursPerTicket"),
        fb("s", "happiness", "svc"),
        fb("p", "painPointHours"),
      ],
      parsePeriod("2026-Q3"),
    );
    expect(asked).toEqual(["2026-07-01..2026-09-30"]);
    expect(r.get("h")).toEqual({ value: 42, asOf: null });
    // 90 minutes = 1.5 hours.
    expect(r.get("l")).toEqual({ value: 1.5, asOf: null });
    expect(r.get("s")?.note).toMatch(/not per service/);
    expect(r.get("p")?.note).toMatch(/not offered/);
  });
  it("treats a suppressed (fewer than five answers) period as no data", async () => {
    const source = feedbackSource(async () => ({ happiness: null, meanLostMinutes: null }));
    const r = await source.read([fb("h", "happiness")], parsePeriod("2026-Q3"));
    expect(r.get("h")?.value).toBeNull();
    expect(r.get("h")?.note).toMatch(/fewer than five/);
  });
});
