import { describe, expect, it } from "vitest";
import { fixture, readAll } from "./read-all.js";

describe("ServiceNow table export (CSV)", () => {
  const read = () =>
    readAll({ format: "servicenow", file: fixture("servicenow-incidents.csv"), timeZone: "Europe/Berlin" });

  it("reads every row of the export", async () => {
    const { tickets, rejected } = await read();
    expect(rejected).toEqual([]);
    expect(tickets.size).toBe(12);
  });

  it("reads display values and converts Berlin local times on the spring DST day to UTC", async () => {
    const { tickets } = await read();
    const ticket = tickets.get("INC0010001");
    expect(ticket?.at.line).toBe(2);
    expect(ticket?.record).toMatchObject({
      externalId: "9d385017c611228701d22104cc95c371",
      type: "incident",
      state: "resolved",
      stateRaw: "6 - Resolved",
      priority: 2,
      impact: 1,
      urgency: 2,
      // 01:30 is still CET (+01:00) on 31 March 2024; 03:15 is already CEST (+02:00).
      openedAt: "2024-03-31T00:30:00Z",
      resolvedAt: "2024-03-31T01:15:00Z",
      assignmentGroup: "Logistics IT Support",
      assignee: "Jonas Becker",
      requester: "Anna Schulz",
      configurationItem: "WMS Scanner Fleet",
      businessService: "Warehouse Management",
      channel: "Phone",
      reassignmentCount: 1,
      closeCode: "Solved (Permanently)",
      // made_sla=true is the tool's own verdict "met", kept so that it wins over a computed one.
      slas: [
        { name: "made_sla", targetSeconds: null, elapsedSeconds: null, breached: false, origin: "source" },
      ],
    });
  });

  it("reads raw codes and falls back to the impact × urgency matrix", async () => {
    const { tickets } = await read();
    // state 2 = In Progress; no priority, impact 2 × urgency 3 → 4 Low. January: CET, 09:00 → 08:00Z.
    expect(tickets.get("INC0010002")?.record).toMatchObject({
      state: "open",
      priority: 4,
      priorityRaw: null,
      openedAt: "2024-01-15T08:00:00Z",
      title: "Invoice PDF export slow, times out",
    });
    // "In Progress", no priority, impact 1 × urgency 1 → 1 Critical.
    expect(tickets.get("INC0010008")?.record).toMatchObject({
      state: "open",
      priority: 1,
      reassignmentCount: 3,
    });
  });

  it("turns made_sla=false into a breached SLA result and keeps the links", async () => {
    const { tickets } = await read();
    expect(tickets.get("INC0010003")?.record).toMatchObject({
      state: "closed",
      priority: 1,
      // July: CEST, 14:20 → 12:20Z.
      openedAt: "2024-07-10T12:20:00Z",
      resolvedAt: "2024-07-10T14:05:00Z",
      closedAt: "2024-07-13T14:05:00Z",
      slas: [
        { name: "made_sla", targetSeconds: null, elapsedSeconds: null, breached: true, origin: "source" },
      ],
      causedByChange: "CHG0030001",
      relatedProblem: "PRB0040001",
    });
  });

  it("tells the type from the number prefix and maps every state code", async () => {
    const { tickets } = await read();
    const summary = [...tickets.values()].map(({ record }) => [record.number, record.type, record.state]);
    expect(summary).toEqual([
      ["INC0010001", "incident", "resolved"],
      ["INC0010002", "incident", "open"],
      ["INC0010003", "incident", "closed"],
      ["INC0010004", "incident", "on_hold"],
      ["INC0010005", "incident", "new"],
      ["RITM0020001", "request", "open"],
      ["CHG0030001", "change", "closed"],
      ["PRB0040001", "problem", "open"],
      ["INC0010006", "incident", "cancelled"],
      ["INC0010007", "incident", "resolved"],
      ["SCTASK0050001", "request", "closed"],
      ["INC0010008", "incident", "open"],
    ]);
    expect(tickets.get("CHG0030001")?.record.changeOutcome).toBe("successful");
  });

  it("uses the number as externalId when sys_id is empty, across the autumn DST change", async () => {
    const { tickets } = await read();
    // 27 Oct 2024: 01:30 is CEST (+02:00) → 23:30Z the day before; 03:30 is CET (+01:00) → 02:30Z.
    expect(tickets.get("INC0010007")?.record).toMatchObject({
      externalId: "INC0010007",
      openedAt: "2024-10-26T23:30:00Z",
      resolvedAt: "2024-10-27T02:30:00Z",
      reopenCount: 1,
    });
  });

  it("reads UTC by default and strips a UTF-8 byte-order mark", async () => {
    const { tickets } = await readAll({ format: "servicenow", file: fixture("servicenow-bom.csv") });
    expect(tickets.get("INC0020001")?.record).toMatchObject({
      externalId: "b001",
      openedAt: "2024-05-02T08:00:00Z",
    });
  });
});

describe("ServiceNow table export (JSON)", () => {
  it("reads a Table API result with display_value objects and rejects a repeated sys_id", async () => {
    const { tickets, rejected } = await readAll({
      format: "servicenow",
      file: fixture("servicenow-incidents.json"),
    });
    expect(tickets.get("INC0010101")?.at.line).toBe(3);
    expect(tickets.get("INC0010101")?.record).toMatchObject({
      state: "open",
      stateRaw: "In Progress",
      priority: 2,
      openedAt: "2024-06-03T08:10:00Z",
    });
    // No priority: impact 2 × urgency 2 → 3 Moderate.
    expect(tickets.get("INC0010102")?.record).toMatchObject({
      state: "resolved",
      priority: 3,
      slas: [{ name: "made_sla", breached: true, origin: "source" }],
    });
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.at).toEqual({ line: 47, field: "sys_id" });
    expect(rejected[0]?.message).toContain("already read on line 27");
  });
});
