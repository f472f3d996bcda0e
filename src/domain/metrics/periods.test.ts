import { describe, expect, it } from "vitest";
import { availabilityFacts } from "./availability.js";
import { checkPeriod, periodBuckets, previousPeriod, splitForRollups } from "./periods.js";
import { serviceSeconds } from "./service-time.js";
import { trendDirection } from "./trend.js";

describe("periods", () => {
  it("answers whole months from month rows and the edges from day rows", () => {
    expect(splitForRollups({ from: "2026-01-15", to: "2026-04-10" })).toEqual({
      months: { from: "2026-02-01", to: "2026-04-01" },
      days: [
        { from: "2026-01-15", to: "2026-02-01" },
        { from: "2026-04-01", to: "2026-04-10" },
      ],
    });
    expect(splitForRollups({ from: "2026-03-02", to: "2026-03-10" })).toEqual({
      months: null,
      days: [{ from: "2026-03-02", to: "2026-03-10" }],
    });
  });

  it("compares with the period of the same length just before", () => {
    expect(previousPeriod({ from: "2026-04-01", to: "2026-07-01" })).toEqual({
      from: "2026-01-01",
      to: "2026-04-01",
    });
    expect(previousPeriod({ from: "2026-03-10", to: "2026-03-17" })).toEqual({
      from: "2026-03-03",
      to: "2026-03-10",
    });
  });

  it("cuts a period into ISO weeks, clipping the first and last", () => {
    // 2026-03-04 is a Wednesday.
    expect(periodBuckets({ from: "2026-03-04", to: "2026-03-18" }, "week")).toEqual([
      { from: "2026-03-04", to: "2026-03-09" },
      { from: "2026-03-09", to: "2026-03-16" },
      { from: "2026-03-16", to: "2026-03-18" },
    ]);
    expect(periodBuckets({ from: "2026-01-01", to: "2027-01-01" }, "quarter")).toHaveLength(4);
  });

  it("refuses a period that ends before it starts, naming the field", () => {
    expect(() => checkPeriod({ from: "2026-03-10", to: "2026-03-10" })).toThrow(/to: must be after from/);
    expect(() => checkPeriod({ from: "2026-02-30", to: "2026-03-10" })).toThrow(/from: expected a date/);
  });
});

describe("trend direction", () => {
  it("judges a rising series by whether higher is better", () => {
    expect(trendDirection([1, 2, 3, 4], true)).toBe("improving");
    expect(trendDirection([1, 2, 3, 4], false)).toBe("worsening");
    expect(trendDirection([10, 10.05, 10, 10.05], true)).toBe("steady");
    expect(trendDirection([null, 3, null], true)).toBe("no_data");
  });
});

describe("availability", () => {
  const hours = {
    timeZone: "Europe/Berlin",
    windows: (["mon", "tue", "wed", "thu", "fri"] as const).map((day) => ({
      day,
      start: "08:00",
      end: "18:00",
    })),
    holidays: ["2026-03-06"],
  };

  it("counts agreed time in the service's zone, minus holidays", () => {
    // Mon 2 March to Mon 9 March 2026 (CET, UTC+1): Mon-Thu 40 h (Friday is a holiday).
    expect(serviceSeconds(hours, new Date("2026-03-02T00:00:00Z"), new Date("2026-03-09T00:00:00Z"))).toBe(
      40 * 3600,
    );
  });

  it("counts overlapping outages once and downtime outside the hours not at all", () => {
    const facts = availabilityFacts(
      [{ id: "s", hours, availabilityTarget: 99 }],
      [
        // 08:00-10:00 UTC = 09:00-11:00 Berlin: 2 h inside the hours.
        {
          serviceId: "s",
          startedAt: new Date("2026-03-02T08:00:00Z"),
          endedAt: new Date("2026-03-02T10:00:00Z"),
          costPerHourCents: 100,
          users: 10,
        },
        // Overlaps the first by an hour: 1 h more of downtime, but its own 2 h cost.
        {
          serviceId: "s",
          startedAt: new Date("2026-03-02T09:00:00Z"),
          endedAt: new Date("2026-03-02T11:00:00Z"),
          costPerHourCents: 100,
          users: 10,
        },
        // 20:00-22:00 Berlin: outside the hours.
        {
          serviceId: "s",
          startedAt: new Date("2026-03-03T19:00:00Z"),
          endedAt: new Date("2026-03-03T21:00:00Z"),
          costPerHourCents: 100,
          users: 10,
        },
      ],
      new Date("2026-03-02T00:00:00Z"),
      new Date("2026-03-09T00:00:00Z"),
      new Date("2026-04-01T00:00:00Z"),
    );
    expect(facts.agreedSeconds).toBe(40 * 3600);
    expect(facts.downtimeSeconds).toBe(3 * 3600);
    expect(facts.outagesStarted).toBe(3);
    expect(facts.downtimeCostCents).toBe(600);
    expect(facts.lostHours).toBe(60);
  });
});
