import { describe, expect, it } from "vitest";
import { nordwindServices } from "../../src/domain/demo/nordwind-services.js";
import {
  badChange,
  demoTicketsEnd,
  demoTicketsStart,
  nordwindTickets,
  worseningService,
} from "../../src/domain/demo/nordwind-tickets.js";

const tickets = [...nordwindTickets({ count: 20_000, seed: 5 })];
const ciOf = (name: string) =>
  nordwindServices.find((s) => s.name === name)?.aliases.find((a) => a.kind === "ci")?.value;

/** The demo's ticket history: patterns are checked by counting, not by reading the generator. */
describe("the demo ticket history", () => {
  it("is the same for the same seed, and different for another", () => {
    expect([...nordwindTickets({ count: 2000, seed: 5 })]).toEqual([
      ...nordwindTickets({ count: 2000, seed: 5 }),
    ]);
    expect([...nordwindTickets({ count: 2000, seed: 6 })]).not.toEqual([
      ...nordwindTickets({ count: 2000, seed: 5 }),
    ]);
  });

  it("has about the asked number of tickets, all opened in the window, with unique ids", () => {
    expect(tickets.length).toBeGreaterThan(19_000);
    expect(tickets.length).toBeLessThan(21_000);
    for (const t of tickets) {
      expect(Date.parse(t.openedAt)).toBeGreaterThanOrEqual(Date.parse(demoTicketsStart));
      expect(Date.parse(t.openedAt)).toBeLessThanOrEqual(Date.parse(demoTicketsEnd));
      if (t.resolvedAt) expect(t.resolvedAt >= t.openedAt).toBe(true);
    }
    expect(new Set(tickets.map((t) => t.externalId)).size).toBe(tickets.length);
    expect(new Set(tickets.map((t) => t.type))).toEqual(
      new Set(["incident", "request", "change", "problem"]),
    );
  });

  it("has more tickets on a weekday than on a weekend day, on average", () => {
    const perDay = new Map<string, number>();
    for (const t of tickets)
      perDay.set(t.openedAt.slice(0, 10), (perDay.get(t.openedAt.slice(0, 10)) ?? 0) + 1);
    const weekday: number[] = [];
    const weekend: number[] = [];
    for (let ms = Date.parse(demoTicketsStart); ms < Date.parse(demoTicketsEnd); ms += 86_400_000) {
      const day = new Date(ms).toISOString().slice(0, 10);
      const n = perDay.get(day) ?? 0;
      ([0, 6].includes(new Date(ms).getUTCDay()) ? weekend : weekday).push(n);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(weekday)).toBeGreaterThan(1.5 * mean(weekend));
  });

  it("has a few major incidents, each resolved", () => {
    const major = tickets.filter((t) => t.majorIncident);
    expect(major.length).toBeGreaterThanOrEqual(3);
    for (const t of major) expect(t.resolvedAt).not.toBeNull();
  });

  it("has a bad change followed by a burst of incidents that name it", () => {
    const change = tickets.find((t) => t.number === badChange.number);
    expect(change?.type).toBe("change");
    const caused = tickets.filter((t) => t.causedByChange === badChange.number);
    expect(caused.length).toBeGreaterThanOrEqual(20);
    for (const t of caused) {
      expect(t.type).toBe("incident");
      expect(t.configurationItem).toBe(ciOf(badChange.service));
      expect(t.openedAt >= badChange.at).toBe(true);
    }
  });

  it("has the worsening service's monthly incidents and resolution times going up", () => {
    const ci = ciOf(worseningService);
    const byMonth = new Map<string, { n: number; hours: number }>();
    for (const t of tickets) {
      if (t.type !== "incident" || t.configurationItem !== ci) continue;
      const m = byMonth.get(t.openedAt.slice(0, 7)) ?? { n: 0, hours: 0 };
      m.n += 1;
      if (t.resolvedAt) m.hours += (Date.parse(t.resolvedAt) - Date.parse(t.openedAt)) / 3_600_000;
      byMonth.set(t.openedAt.slice(0, 7), m);
    }
    const months = [...byMonth.keys()].sort();
    expect(months.length).toBe(24);
    const counts = months.map((m) => byMonth.get(m)?.n ?? 0);
    const firstHalf = counts.slice(0, 6).reduce((a, b) => a + b, 0);
    const lastHalf = counts.slice(-6).reduce((a, b) => a + b, 0);
    expect(lastHalf).toBeGreaterThan(2 * firstHalf);
    const meanHours = (ms: string[]) =>
      ms.reduce((a, m) => a + (byMonth.get(m)?.hours ?? 0), 0) /
      ms.reduce((a, m) => a + (byMonth.get(m)?.n ?? 0), 0);
    expect(meanHours(months.slice(-6))).toBeGreaterThan(meanHours(months.slice(0, 6)));
  });

  it("has more Web Shop tickets in the weeks before Christmas than in the same weeks of autumn", () => {
    const ci = ciOf("Web Shop");
    const inRange = (from: string, to: string) =>
      tickets.filter((t) => t.configurationItem === ci && t.openedAt >= from && t.openedAt < to).length;
    expect(inRange("2025-11-25", "2025-12-15")).toBeGreaterThan(1.5 * inRange("2025-09-25", "2025-10-15"));
  });
});
