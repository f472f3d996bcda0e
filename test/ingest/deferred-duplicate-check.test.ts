import { describe, expect, it } from "vitest";
import { openTicketReader } from "../../src/ingest/open-ticket-reader.js";
import type { ReadResult } from "../../src/ingest/ticket-reader.js";
import { fixture } from "./read-all.js";

/**
 * servicenow-broken.csv repeats id b001 on line 8 (first on line 2). Read by default, the reader
 * refuses the repeat itself; asked to defer, it remembers no ids and marks each ticket so that its
 * consumer (the import, in the store) can refuse it with the same message.
 */
const readLine8 = async (deferDuplicateCheck: boolean): Promise<ReadResult | undefined> => {
  const reader = await openTicketReader({
    format: "servicenow",
    file: fixture("servicenow-broken.csv"),
    timeZone: "Europe/Berlin",
  });
  let found: ReadResult | undefined;
  for await (const result of reader.read({ deferDuplicateCheck })) if (result.at.line === 8) found = result;
  return found;
};

describe("a file reader's duplicate-id check", () => {
  it("refuses a repeated id itself by default", async () => {
    const result = await readLine8(false);
    expect(result).toMatchObject({
      kind: "rejected",
      message: 'line 8, column 1: sys_id: duplicate id "b001", already read on line 2',
    });
  });

  it("with deferDuplicateCheck yields the row, marked with the id's field, column and raw row", async () => {
    const result = await readLine8(true);
    expect(result?.kind).toBe("ticket");
    if (result?.kind !== "ticket") return;
    expect(result.record.externalId).toBe("b001");
    expect(result.unique).toMatchObject({ field: "sys_id", column: 1 });
    expect(result.unique?.raw).toMatchObject({ sys_id: "b001", number: "INC0020007" });
  });
});
