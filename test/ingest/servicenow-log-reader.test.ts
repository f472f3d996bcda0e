import { describe, expect, it } from "vitest";
import { fixture, readAll } from "./read-all.js";

describe("ServiceNow event log", () => {
  const read = () => readAll({ format: "servicenow-log", file: fixture("servicenow-event-log.csv") });

  it("turns 13 interleaved updates into one ticket per incident", async () => {
    const { tickets, rejected } = await read();
    expect(rejected).toEqual([]);
    expect([...tickets.keys()].sort()).toEqual(["INC0000045", "INC0000047", "INC0000057"]);
  });

  it("keeps the final state, the first acknowledgement, the counts and a reopen in the history", async () => {
    const { tickets } = await read();
    const ticket = tickets.get("INC0000045");
    // The last update (8/3/2016 15:00, line 14) is the Closed row.
    expect(ticket?.at.line).toBe(14);
    expect(ticket?.record).toMatchObject({
      externalId: "INC0000045",
      type: "incident",
      state: "closed",
      stateRaw: "Closed",
      priority: 3,
      impact: 2,
      urgency: 2,
      openedAt: "2016-02-29T01:16:00Z",
      // First update out of New: "Active" with Resolver 89 at 29/2/2016 08:53.
      acknowledgedAt: "2016-02-29T08:53:00Z",
      resolvedAt: "2016-03-03T14:05:00Z",
      closedAt: "2016-03-08T15:00:00Z",
      updatedAt: "2016-03-08T15:00:00Z",
      assignmentGroup: "Group 70",
      assignee: "Resolver 31",
      requester: "Caller 2403",
      reassignmentCount: 1,
      reopenCount: 1,
      closeCode: "code 5",
      configurationItem: null,
    });
    expect(ticket?.record.sourceFields.updates).toBe(6);
    expect(ticket?.record.sourceFields.stateHistory).toEqual([
      { at: "2016-02-29T01:23:00Z", state: "new" },
      { at: "2016-02-29T08:53:00Z", state: "open" },
      { at: "2016-03-01T09:52:00Z", state: "resolved" },
      { at: "2016-03-02T10:00:00Z", state: "open" },
      { at: "2016-03-03T14:05:00Z", state: "resolved" },
      { at: "2016-03-08T15:00:00Z", state: "closed" },
    ]);
  });

  it("maps Awaiting … to on hold and made_sla=false to a breached SLA", async () => {
    const { tickets } = await read();
    const record = tickets.get("INC0000047")?.record;
    expect(record).toMatchObject({
      state: "resolved",
      acknowledgedAt: "2016-02-29T05:10:00Z",
      slas: [{ name: "made_sla", breached: true, origin: "source" }],
    });
    expect(record?.sourceFields.stateHistory).toEqual([
      { at: "2016-02-29T04:40:00Z", state: "new" },
      { at: "2016-02-29T05:10:00Z", state: "open" },
      { at: "2016-03-01T08:00:00Z", state: "on_hold" },
      { at: "2016-03-02T09:00:00Z", state: "open" },
      { at: "2016-03-04T07:00:00Z", state: "resolved" },
    ]);
  });

  it("orders updates by time, not by their place in the file", async () => {
    const { tickets } = await read();
    // Line 11 (New, 29/2 06:00) comes after line 6 (Active, 1/3 10:00) but happened before it.
    expect(tickets.get("INC0000057")?.at.line).toBe(6);
    expect(tickets.get("INC0000057")?.record).toMatchObject({
      state: "open",
      priority: 2,
      acknowledgedAt: "2016-03-01T10:00:00Z",
      reassignmentCount: 2,
    });
  });

  it("rejects an update with an impossible date or an unknown state, naming line and column", async () => {
    const { tickets, rejected } = await readAll({
      format: "servicenow-log",
      file: fixture("servicenow-event-log-broken.csv"),
    });
    expect(rejected.map((row) => row.message)).toEqual([
      'line 3, column 14: sys_updated_at: "31/2/2016 11:00" is not a date; expected "d/M/yyyy H:mm" or "d/M/yyyy H:mm:ss" or "yyyy-MM-dd HH:mm:ss" or ISO-8601',
      'line 4, column 2: incident_state: unknown state "-100"; expected 1 New, 2 In Progress, 3 On Hold, 6 Resolved, 7 Closed or 8 Canceled',
    ]);
    expect(tickets.get("INC0000100")?.record.state).toBe("new");
  });
});
