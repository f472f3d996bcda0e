import { describe, expect, it } from "vitest";
import { isoWeekOf, parsePeriod, periodHolding, previousPeriod } from "./period.js";

describe("periods", () => {
  it("parses years, quarters, months and ISO weeks with exclusive ends", () => {
    expect(parsePeriod("2026")).toEqual({ label: "2026", start: "2026-01-01", end: "2027-01-01" });
    expect(parsePeriod("2026-Q4")).toEqual({ label: "2026-Q4", start: "2026-10-01", end: "2027-01-01" });
    expect(parsePeriod("2026-02")).toEqual({ label: "2026-02", start: "2026-02-01", end: "2026-03-01" });
    // 2026-W01 starts Monday 29 December 2025 (4 January 2026 is a Sunday).
    expect(parsePeriod("2026-W01")).toEqual({ label: "2026-W01", start: "2025-12-29", end: "2026-01-05" });
    expect(parsePeriod("2026-W48")).toEqual({ label: "2026-W48", start: "2026-11-23", end: "2026-11-30" });
  });
  it("refuses what is not a period, naming the field", () => {
    expect(() => parsePeriod("2026-13")).toThrow(/not a period/);
    expect(() => parsePeriod("2025-W53")).toThrow(/no ISO week 53/);
    expect(parsePeriod("2026-W53").start).toBe("2026-12-28");
  });
  it("finds the period holding a date and the one before", () => {
    expect(isoWeekOf("2027-01-01")).toEqual({ year: 2026, week: 53 });
    expect(periodHolding("2026-11-25", "weekly").label).toBe("2026-W48");
    expect(periodHolding("2026-11-25", "quarterly").label).toBe("2026-Q4");
    expect(previousPeriod(parsePeriod("2026-Q1")).label).toBe("2025-Q4");
    expect(previousPeriod(parsePeriod("2026-W01")).label).toBe("2025-W52");
    expect(previousPeriod(parsePeriod("2026-01")).label).toBe("2025-12");
  });
});
