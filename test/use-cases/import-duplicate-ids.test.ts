import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openTicketReader } from "../../src/ingest/open-ticket-reader.js";
import type { RejectedRow } from "../../src/ingest/ticket-reader.js";
import type { Store } from "../../src/store/open-store.js";
import { importTickets } from "../../src/use-cases/import-tickets.js";
import { openTestStore, testBackends } from "../support/test-store.js";

/**
 * Repeated ids are refused by the import through the store (not a set of every id in memory), so
 * these tests use files larger than a batch: the two rows of a repeat are batches apart.
 */
const header = "sys_id,number,short_description,state,opened_at";
/** Data row n (1-based) is on line n + 1; its id is s<n> unless overridden. */
const row = (n: number, o: { id?: string; openedAt?: string } = {}) =>
  `${o.id ?? `s${n}`},INC${String(n).padStart(7, "0")},Ticket ${n},2 - In Progress,${o.openedAt ?? "2024-05-02 08:00:00"}`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tandem-import-duplicates-"));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const writeExport = async (name: string, rows: string[]) => {
  const file = join(dir, name);
  await writeFile(file, `${[header, ...rows].join("\n")}\n`);
  return file;
};

/** rows data rows; `edit` replaces some of them (by 1-based data row number). */
const numbered = (rows: number, edit: Record<number, string> = {}) =>
  Array.from({ length: rows }, (_, i) => edit[i + 1] ?? row(i + 1));

describe.each(testBackends())("repeated ids in a large file on %s", (backend) => {
  let store: Store;
  beforeEach(async () => {
    store = await openTestStore(backend);
  }, 60_000);
  afterEach(async () => store?.close());

  const importFile = async (file: string, o: { skipInvalid?: boolean; batchSize?: number } = {}) => {
    const rejects: RejectedRow[] = [];
    const result = await importTickets({
      db: store.db,
      reader: await openTicketReader({ format: "servicenow", file }),
      source: file,
      format: "servicenow",
      batchSize: o.batchSize ?? 100,
      ...(o.skipInvalid ? { skipInvalid: true } : {}),
      onReject: (r) => rejects.push(r),
    });
    return { result, rejects };
  };
  const storedIds = async () =>
    (
      await sql<{ externalId: string }>`SELECT external_id FROM ticket ORDER BY external_id`.execute(store.db)
    ).rows.map((r) => r.externalId);
  const ticketCount = async () =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ticket`.execute(store.db)).rows[0]?.n;

  it("refuses a repeat batches after the first row, naming both lines, and writes nothing", async () => {
    // Data row 950 (line 951) repeats the id of data row 2 (line 3); batches are 100 rows.
    const file = await writeExport("far.csv", numbered(1000, { 950: row(950, { id: "s2" }) }));
    const { result, rejects } = await importFile(file);
    expect(result).toMatchObject({ status: "rejected", read: 1000, inserted: 0, rejected: 1 });
    expect(result.errors).toEqual([
      {
        line: 951,
        column: 1,
        field: "sys_id",
        message: 'line 951, column 1: sys_id: duplicate id "s2", already read on line 3',
      },
    ]);
    expect(rejects.map((r) => r.at.line)).toEqual([951]);
    expect(await ticketCount()).toBe(0);
  });

  it("with skipInvalid keeps the first row of a repeat and skips the later ones", async () => {
    const file = await writeExport(
      "skip.csv",
      numbered(500, {
        150: row(150, { id: "s7", openedAt: "2024-06-01 00:00:00" }),
        // A repeat within one batch (rows 410 and 420 are both in the fifth batch of 100).
        420: row(420, { id: "s410" }),
        499: row(499, { id: "s7" }),
      }),
    );
    const { result, rejects } = await importFile(file, { skipInvalid: true });
    expect(result).toMatchObject({ status: "succeeded", read: 500, inserted: 497, rejected: 3 });
    expect(result.errors.map((e) => e.message)).toEqual([
      'line 151, column 1: sys_id: duplicate id "s7", already read on line 8',
      'line 421, column 1: sys_id: duplicate id "s410", already read on line 411',
      'line 500, column 1: sys_id: duplicate id "s7", already read on line 8',
    ]);
    // The rejects file gets each refused row's raw fields.
    expect(rejects.map((r) => (r.raw as Record<string, string>).number).sort()).toEqual([
      "INC0000150",
      "INC0000420",
      "INC0000499",
    ]);
    const ids = await storedIds();
    expect(ids).toHaveLength(497);
    expect(new Set(ids).size).toBe(497);
    // s7 is stored as its first row has it (opened in May), not as a later repeat (June).
    const s7 = await sql<{
      openedAt: string;
    }>`SELECT opened_at::text FROM ticket WHERE external_id = 's7'`.execute(store.db);
    expect(s7.rows.map((r) => r.openedAt)).toEqual(["2024-05-02 08:00:00+00"]);
  });

  it("still reports repeats after another row was rejected (when nothing is written any more)", async () => {
    const file = await writeExport(
      "after-reject.csv",
      numbered(600, {
        5: row(5, { openedAt: "2024-13-40 08:00:00" }),
        580: row(580, { id: "s300" }),
      }),
    );
    const { result } = await importFile(file);
    expect(result).toMatchObject({ status: "rejected", inserted: 0, rejected: 2 });
    expect(result.errors.map((e) => e.line)).toEqual([6, 581]);
    expect(result.errors[1]?.message).toBe(
      'line 581, column 1: sys_id: duplicate id "s300", already read on line 301',
    );
    expect(await ticketCount()).toBe(0);
  });

  it("tells repeats apart from first reads where every record is on one line (a one-line JSON export)", async () => {
    const records = Array.from({ length: 250 }, (_, i) => ({
      sys_id: i + 1 === 230 ? "s5" : `s${i + 1}`,
      number: `INC${String(i + 1).padStart(7, "0")}`,
      short_description: `Ticket ${i + 1}`,
      state: "2",
      opened_at: "2024-05-02 08:00:00",
    }));
    const file = join(dir, "one-line.json");
    await writeFile(file, JSON.stringify({ records }));
    const { result } = await importFile(file, { skipInvalid: true });
    expect(result).toMatchObject({ status: "succeeded", read: 250, inserted: 249, rejected: 1 });
    expect(result.errors).toEqual([
      { line: 1, field: "sys_id", message: 'line 1: sys_id: duplicate id "s5", already read on line 1' },
    ]);
    expect(await ticketCount()).toBe(249);
  });

  it("keeps the 100 lowest-lined errors of many, and counts the rest", async () => {
    // 150 repeats of s1, then 30 bad dates in the next rows: 180 rejects, 100 kept.
    const edits: Record<number, string> = {};
    for (let n = 201; n <= 350; n++) edits[n] = row(n, { id: "s1" });
    for (let n = 351; n <= 380; n++) edits[n] = row(n, { openedAt: "not a date" });
    const file = await writeExport("many.csv", numbered(400, edits));
    const { result, rejects } = await importFile(file, { batchSize: 60 });
    expect(result.rejected).toBe(180);
    expect(rejects).toHaveLength(180);
    expect(result.errors).toHaveLength(100);
    // Lines 202..301: the first hundred repeats, whatever order they were found in.
    expect(result.errors.map((e) => e.line)).toEqual(Array.from({ length: 100 }, (_, i) => 202 + i));
  });
});
