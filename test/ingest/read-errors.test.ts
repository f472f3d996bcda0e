import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { failure, fixture, readAll } from "./read-all.js";

describe("row problems are rejected rows naming line, column and field", () => {
  const read = () =>
    readAll({ format: "servicenow", file: fixture("servicenow-broken.csv"), timeZone: "Europe/Berlin" });

  it("keeps the good row and rejects each broken one", async () => {
    const { tickets, rejected } = await read();
    expect([...tickets.keys()]).toEqual(["INC0020001"]);
    expect(rejected.map((row) => [row.at.line, row.at.column, row.at.field])).toEqual([
      [3, 8, "opened_at"],
      [4, 9, "resolved_at"],
      [5, 4, "state"],
      [6, 5, "priority"],
      [7, 2, "number"],
      [8, 1, "sys_id"],
      [9, 8, "opened_at"],
      [10, undefined, undefined],
    ]);
  });

  it("says what was expected", async () => {
    const { rejected } = await read();
    const messages = rejected.map((row) => row.message);
    expect(messages[0]).toBe(
      'line 3, column 8: opened_at: "2024-13-02 08:00:00" is not a date; expected "yyyy-MM-dd HH:mm:ss" or ISO-8601',
    );
    expect(messages[1]).toBe(
      "line 4, column 9: resolved_at: resolved before it was opened (opened_at 2024-05-03T08:00:00Z)",
    );
    expect(messages[2]).toContain('state: unknown state "5 - Pending"; expected 1 New, 2 In Progress');
    expect(messages[3]).toContain('priority: unknown value "9 - Urgent"; expected 1 - Critical');
    expect(messages[4]).toContain("number: missing");
    expect(messages[5]).toBe('line 8, column 1: sys_id: duplicate id "b001", already read on line 2');
    expect(messages[6]).toBe(
      'line 9, column 8: opened_at: "2024-03-31 02:30:00" does not exist in Europe/Berlin (skipped by a daylight-saving change)',
    );
    expect(messages[7]).toContain("line 10: cannot be parsed as CSV: Quote Not Closed");
  });

  it("rejects a last line cut short, naming it", async () => {
    const { tickets, rejected } = await readAll({
      format: "servicenow",
      file: fixture("servicenow-short-row.csv"),
    });
    expect(tickets.size).toBe(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.at.line).toBe(3);
    expect(rejected[0]?.message).toBe(
      "line 3: has 8 fields, expected 15 as in the header on line 1 (truncated line?)",
    );
  });
});

describe("whole-file problems are thrown", () => {
  it("names a missing required column and the header line", async () => {
    const error = await failure(
      readAll({ format: "servicenow", file: fixture("servicenow-missing-column.csv") }),
    );
    expect(error.message).toBe(
      'test/fixtures/tickets/servicenow-missing-column.csv: missing required column "opened_at" in the header (line 1)',
    );
    expect(error.code).toBe("validation");
    expect(error.issues).toEqual([
      { path: "line 1", message: 'missing required column "opened_at" in the header' },
    ]);
  });

  it("fails on an empty or a header-only file with 'no rows'", async () => {
    for (const file of ["empty.csv", "servicenow-header-only.csv"]) {
      const error = await failure(readAll({ format: "servicenow", file: fixture(file) }));
      expect(error.message).toContain("no rows");
    }
    const error = await failure(
      readAll({ format: "jira", file: writeTemp("empty-page.json", '{ "issues": [] }') }),
    );
    expect(error.message).toContain("no rows");
  });

  it("fails on bytes that are not UTF-8, naming the first bad line", async () => {
    const error = await failure(readAll({ format: "servicenow", file: fixture("servicenow-latin1.csv") }));
    expect(error.message).toContain("is not valid UTF-8");
    expect(error.message).toContain("(line 3)");
  });

  it("fails on a missing file, an unknown zone and invalid JSON", async () => {
    expect((await failure(readAll({ format: "jira", file: fixture("nope.json") }))).code).toBe("not_found");
    const zone = await failure(
      readAll({
        format: "servicenow",
        file: fixture("servicenow-incidents.csv"),
        timeZone: "Europe/Atlantis",
      }),
    );
    expect(zone.message).toContain('unknown time zone "Europe/Atlantis"');
    const json = await failure(
      readAll({ format: "jira", file: writeTemp("broken.json", '{ "issues": [\n  { "key": "A-1" \n') }),
    );
    expect(json.message).toContain("is not valid JSON");
    expect(json.message).toContain("line 3");
  });

  it("fails on JSON that is not an export of the expected kind", async () => {
    const error = await failure(
      readAll({ format: "servicenow", file: writeTemp("other.json", '{ "rows": [] }') }),
    );
    expect(error.message).toContain('"records" or "result" array');
  });
});

const writeTemp = (name: string, text: string): string => {
  const file = join(tmpdir(), `tandem-ingest-${process.pid}-${name}`);
  writeFileSync(file, text);
  return file;
};
