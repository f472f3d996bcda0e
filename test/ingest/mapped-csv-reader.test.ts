import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TicketState } from "../../src/domain/schemas/ticket.js";
import { failure, fixture, readAll } from "./read-all.js";

describe("mapped CSV: a French GLPI export in Latin-1", () => {
  const read = () =>
    readAll({
      format: "csv",
      file: fixture("glpi-export-fr.csv"),
      mappingFile: fixture("glpi-mapping-fr.yaml"),
    });

  it("decodes Latin-1, skips the title line and maps French values", async () => {
    const { tickets } = await read();
    expect(tickets.get("T-1002")?.at.line).toBe(4);
    expect(tickets.get("T-1002")?.record).toMatchObject({
      sourceSystem: "csv",
      externalId: "T-1002",
      number: "T-1002",
      title: "Accès VPN refusé",
      type: "incident",
      state: "open",
      stateRaw: "En cours",
      priority: 1,
      priorityRaw: "Très haute",
      // 02/04/2024 08:05 in Paris (CEST, +02:00) → 06:05Z.
      openedAt: "2024-04-02T06:05:00Z",
      assignmentGroup: "Réseau",
      requester: "Céline Moreau",
      requesterDepartment: "Commercial",
      components: ["VPN", "Pare-feu"],
    });
  });

  it("reads day-first dates across the DST change and the second date format", async () => {
    const { tickets } = await read();
    // 31/03/2024 01:45 CET (+01:00) → 00:45Z; 03:10 CEST (+02:00) → 01:10Z.
    expect(tickets.get("T-1001")?.record).toMatchObject({
      state: "resolved",
      openedAt: "2024-03-31T00:45:00Z",
      resolvedAt: "2024-03-31T01:10:00Z",
    });
    // "02/04/2024" has no time: midnight in Paris (+02:00) → 22:00Z the day before.
    expect(tickets.get("T-1003")?.record).toMatchObject({
      type: "request",
      state: "new",
      openedAt: "2024-04-01T22:00:00Z",
    });
    expect(tickets.get("T-1004")?.record).toMatchObject({ type: "change", state: "closed", priority: 3 });
    expect(tickets.get("T-1005")?.record.state).toBe("on_hold");
    // 27/10/2024 02:30 happens twice in Paris; Luxon takes the second (CET, +01:00) → 01:30Z.
    expect(tickets.get("T-1007")?.record).toMatchObject({ openedAt: "2024-10-27T01:30:00Z", priority: 5 });
  });

  it("rejects a value missing from the value map, listing the allowed ones", async () => {
    const { rejected, tickets } = await read();
    expect(tickets.size).toBe(6);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.at).toEqual({ line: 8, column: 4, field: "Statut" });
    expect(rejected[0]?.message).toBe(
      'line 8, column 4: Statut: unknown state "Archivé"; expected one of "Nouveau", "En cours", "En attente", "Résolu", "Fermé" (values.state in the mapping)',
    );
  });

  it("fails on an invalid mapping, naming each mapping key", async () => {
    const error = await failure(
      readAll({
        format: "csv",
        file: fixture("glpi-export-fr.csv"),
        mappingFile: fixture("bad-mapping.yaml"),
      }),
    );
    const paths = (error.issues as { path: string }[]).map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(["columns", "values.state.Open", "timeZone"]));
    expect(error.message).toContain('Unrecognized key: "colour"');
  });

  it("fails when a mapped column is not in the header, or without a mapping", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tandem-mapping-"));
    const mapping = join(dir, "mapping.json");
    writeFileSync(
      mapping,
      JSON.stringify({ columns: { externalId: "Id", openedAt: "Opened", state: "Status" } }),
    );
    const file = join(dir, "tickets.csv");
    writeFileSync(file, "Id,Opened,State\n1,2024-01-01 10:00:00,open\n");
    const error = await failure(readAll({ format: "csv", file, mappingFile: mapping }));
    expect(error.message).toContain('column "Status" (columns.state in the mapping) is not in the header');
    expect(error.message).toContain("(line 1)");
    expect((await failure(readAll({ format: "csv", file }))).message).toContain("needs a mapping file");
  });
});

describe("mapped CSV: row problems", () => {
  it("rejects an empty required value, an unknown priority, a bad date and a repeated id", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tandem-mapped-rows-"));
    const mapping = join(dir, "mapping.yaml");
    writeFileSync(
      mapping,
      'columns: { externalId: Ref, title: Subject, priority: Prio, openedAt: Created }\ndefaults: { state: open }\ndateFormats: ["dd/MM/yyyy HH:mm", "yyyy-MM-dd"]\n',
    );
    const file = join(dir, "tickets.csv");
    writeFileSync(
      file,
      [
        "Ref,Subject,Prio,Created",
        "A-1,Fine,2,05/03/2024 10:00",
        "A-2,No date,2,",
        "A-3,Odd priority,P9,05/03/2024 10:00",
        "A-4,US date,3,03/25/2024 10:00",
        "A-1,Same id,3,2024-03-06",
      ].join("\n"),
    );
    const { tickets, rejected } = await readAll({ format: "csv", file, mappingFile: mapping });
    // 05/03/2024 10:00 UTC is 5 March, day first.
    expect(tickets.get("A-1")?.record).toMatchObject({
      state: "open",
      priority: 2,
      openedAt: "2024-03-05T10:00:00Z",
    });
    expect(rejected.map((row) => row.message)).toEqual([
      "line 3, column 4: Created: empty; expected the opening date",
      'line 4, column 3: Prio: "P9" is not a whole number from 1 to 5',
      'line 5, column 4: Created: "03/25/2024 10:00" is not a date; expected "dd/MM/yyyy HH:mm" or "yyyy-MM-dd"',
      'line 6, column 1: Ref: duplicate id "A-1", already read on line 2',
    ]);
  });
});

const csvCell = (text: string): string => (/[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
const pad = (n: number): string => String(n).padStart(2, "0");
const formatUtc = (date: Date): string =>
  `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
const isoUtc = (date: Date): string => `${date.toISOString().slice(0, 19)}Z`;

describe("mapped CSV round trip", () => {
  it("reads back exactly the rows written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tandem-roundtrip-"));
    const mapping = join(dir, "mapping.yaml");
    writeFileSync(
      mapping,
      [
        "columns: { externalId: Id, title: Title, state: State, priority: Priority, openedAt: Opened, resolvedAt: Resolved }",
        'dateFormats: ["yyyy-MM-dd HH:mm"]',
        "timeZone: UTC",
      ].join("\n"),
    );
    const states: TicketState[] = ["new", "open", "on_hold", "resolved", "closed", "cancelled"];
    const row = fc.record({
      title: fc.string({ maxLength: 60 }).filter((title) => title === title.trim()),
      state: fc.constantFrom(...states),
      priority: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
      // Whole minutes from 2000 to 2035.
      openedMinute: fc.integer({ min: 15_778_080, max: 34_186_000 }),
      resolvedAfter: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 20 }), async (rows) => {
        const file = join(dir, `tickets-${run++}.csv`);
        const lines = rows.map((r, index) => {
          const opened = new Date(r.openedMinute * 60_000);
          const resolved =
            r.resolvedAfter === null ? null : new Date((r.openedMinute + r.resolvedAfter) * 60_000);
          return [
            `T-${index}`,
            csvCell(r.title),
            r.state,
            r.priority ?? "",
            formatUtc(opened),
            resolved ? formatUtc(resolved) : "",
          ].join(",");
        });
        writeFileSync(file, `Id,Title,State,Priority,Opened,Resolved\n${lines.join("\n")}\n`);
        const { results } = await readAll({ format: "csv", file, mappingFile: mapping });
        const read = results.map((result) => {
          if (result.kind !== "ticket") throw new Error(result.message);
          const { externalId, title, state, priority, openedAt, resolvedAt } = result.record;
          return { externalId, title, state, priority, openedAt, resolvedAt };
        });
        expect(read).toEqual(
          rows.map((r, index) => ({
            externalId: `T-${index}`,
            title: r.title,
            state: r.state,
            priority: r.priority,
            openedAt: isoUtc(new Date(r.openedMinute * 60_000)),
            resolvedAt:
              r.resolvedAfter === null ? null : isoUtc(new Date((r.openedMinute + r.resolvedAfter) * 60_000)),
          })),
        );
      }),
      { numRuns: 50 },
    );
  });
});
