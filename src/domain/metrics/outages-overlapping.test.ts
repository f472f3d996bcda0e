import { describe, expect, it } from "vitest";
import { type OutageFact, outagesOverlapping } from "./availability.js";

const outage = (startedAt: string, endedAt: string | null): OutageFact => ({
  serviceId: "s",
  startedAt: new Date(startedAt),
  endedAt: endedAt === null ? null : new Date(endedAt),
  costPerHourCents: 0,
  users: 0,
});

describe("outages overlapping a period", () => {
  const from = new Date("2026-03-01T00:00:00Z");
  const to = new Date("2026-04-01T00:00:00Z");

  it("keeps those that start before its end and have not ended by its start", () => {
    const kept = outagesOverlapping(
      [
        outage("2026-02-28T22:00:00Z", "2026-03-01T01:00:00Z"), // runs into it
        outage("2026-03-31T23:00:00Z", null), // still going
        outage("2026-02-01T00:00:00Z", null), // began before, still going
        outage("2026-03-10T08:00:00Z", "2026-03-10T09:00:00Z"), // inside
      ],
      from,
      to,
    );
    expect(kept.map((o) => o.startedAt.toISOString())).toEqual([
      "2026-02-28T22:00:00.000Z",
      "2026-03-31T23:00:00.000Z",
      "2026-02-01T00:00:00.000Z",
      "2026-03-10T08:00:00.000Z",
    ]);
  });

  it("leaves out one that ended exactly at its start and one that starts exactly at its end", () => {
    const kept = outagesOverlapping(
      [
        outage("2026-02-28T20:00:00Z", "2026-03-01T00:00:00Z"),
        outage("2026-04-01T00:00:00Z", "2026-04-01T02:00:00Z"),
        outage("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"),
      ],
      from,
      to,
    );
    expect(kept).toEqual([]);
  });
});
