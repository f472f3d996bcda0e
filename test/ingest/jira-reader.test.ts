import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, readAll } from "./read-all.js";

describe("Jira Service Management search export", () => {
  const read = () => readAll({ format: "jira", file: fixture("jira-search.json") });

  it("reads issues from an array of pages, naming the line of each", async () => {
    const { tickets } = await read();
    expect([...tickets.values()].map((t) => [t.record.number, t.at.line])).toEqual([
      ["ITSD-421", 8],
      ["ITSD-422", 60],
      ["ITSD-423", 89],
      ["ITSD-424", 109],
    ]);
  });

  it("reads an incident with two SLA fields, its request type and components", async () => {
    const { tickets } = await read();
    expect(tickets.get("ITSD-421")?.record).toMatchObject({
      sourceSystem: "jira",
      externalId: "10421",
      type: "incident",
      title: "Cannot access shared drive from Hamburg office",
      state: "resolved",
      priority: 2,
      priorityRaw: "High",
      // 23:45+01:00 → 22:45Z; resolved 04:20+02:00 (after the DST change) → 02:20Z.
      openedAt: "2024-03-30T22:45:00Z",
      resolvedAt: "2024-03-31T02:20:00Z",
      closedAt: null,
      updatedAt: "2024-03-31T02:21:12Z",
      assignee: "Lea Koch",
      requester: "Paul Richter",
      components: ["File services", "Hamburg site"],
      requestType: "Report a system problem",
      slas: [
        // 3,600,000 ms goal, 1,800,000 ms elapsed.
        {
          name: "Time to first response",
          targetSeconds: 3600,
          elapsedSeconds: 1800,
          breached: false,
          origin: "source",
        },
        // 4 h goal, 4 h 5 min elapsed.
        {
          name: "Time to resolution",
          targetSeconds: 14400,
          elapsedSeconds: 14700,
          breached: true,
          origin: "source",
        },
      ],
    });
  });

  it("uses the ongoing cycle when no cycle is completed", async () => {
    const { tickets } = await read();
    expect(tickets.get("ITSD-422")?.record).toMatchObject({
      type: "request",
      state: "open",
      priority: 4,
      assignee: null,
      requester: "hannah.schroeder@brightwater.example",
      requestType: "Request new hardware",
      slas: [
        {
          name: "Time to resolution",
          targetSeconds: 172800,
          elapsedSeconds: 3600,
          breached: false,
          origin: "source",
        },
      ],
    });
  });

  it("maps Declined and Closed by name, whatever their category", async () => {
    const { tickets } = await read();
    expect(tickets.get("ITSD-423")?.record).toMatchObject({
      state: "cancelled",
      priority: 5,
      closedAt: "2024-04-03T06:30:00Z",
    });
    expect(tickets.get("ITSD-424")?.record).toMatchObject({ type: "change", state: "closed", priority: 1 });
  });

  it("rejects an unknown priority, naming the issue's line and field", async () => {
    const { rejected } = await read();
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.at).toEqual({ line: 122, field: "fields.priority.name" });
    expect(rejected[0]?.message).toBe(
      'line 122: fields.priority.name: unknown priority "Urgent"; expected Highest, High, Medium, Low or Lowest',
    );
  });
});

describe("Jira single page", () => {
  it("reads a file holding one page object", async () => {
    const file = join(tmpdir(), `tandem-jira-page-${process.pid}.json`);
    writeFileSync(
      file,
      JSON.stringify({
        issues: [
          {
            id: "1",
            key: "HELP-1",
            fields: {
              summary: "Password reset",
              issuetype: { name: "Service request" },
              status: { name: "Waiting for customer", statusCategory: { key: "indeterminate" } },
              priority: { name: "Medium" },
              created: "2024-06-01T10:00:00.000+0000",
            },
          },
        ],
      }),
    );
    const { tickets } = await readAll({ format: "jira", file });
    expect(tickets.get("HELP-1")?.record).toMatchObject({
      state: "on_hold",
      priority: 3,
      openedAt: "2024-06-01T10:00:00Z",
    });
  });
});
