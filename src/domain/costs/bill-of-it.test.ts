import { describe, expect, it } from "vitest";
import type { CostFlow } from "../schemas/cost-model.js";
import { billOfIt, billOfItCsv, changePct } from "./bill-of-it.js";

const flow = (from: string, cents: number): CostFlow => ({
  from,
  to: "unit:u",
  cents,
  ruleId: "r",
  basis: "consumption share",
  driverValue: 50,
  driverTotal: 100,
});

describe("bill of IT", () => {
  it("gives month-over-month change, none where last month had nothing", () => {
    expect(changePct(110, 100)).toBe(10);
    expect(changePct(100, 0)).toBeNull();
    expect(changePct(100, null)).toBeNull();
    expect(changePct(-50, -100)).toBe(50);
  });

  it("lists last month's services at zero when they are gone this month", () => {
    const bill = billOfIt({
      unit: { id: "00000000-0000-4000-8000-000000000001", name: "Sales" },
      period: "2026-10",
      allocated: true,
      currency: "EUR",
      flows: [flow("service:a", 300)],
      previousFlows: [flow("service:a", 200), flow("service:b", 50)],
      tickets: new Map([["service:a", 2]]),
      nameOf: (n) => n.slice(8).toUpperCase(),
    });
    expect(bill.lines.map((l) => [l.name, l.cents, l.previousCents, l.changePct, l.tickets])).toEqual([
      ["A", 300, 200, 50, 2],
      ["B", 0, 50, -100, 0],
    ]);
    expect([bill.totalCents, bill.previousTotalCents, bill.changePct]).toEqual([300, 250, 20]);
  });

  it("writes CSV that a spreadsheet will not run as a formula", () => {
    const bill = billOfIt({
      unit: { id: "00000000-0000-4000-8000-000000000001", name: '=HYPERLINK("x")' },
      period: "2026-10",
      allocated: true,
      currency: "EUR",
      flows: [flow("service:a", 123_456)],
      previousFlows: null,
      tickets: new Map(),
      nameOf: () => 'CRM, "new"',
    });
    const lines = billOfItCsv(bill).split("\r\n");
    expect(lines[1]).toBe(
      `2026-10,"'=HYPERLINK(""x"")","CRM, ""new""",service,1234.56,,,consumption share,50,100,0,,`,
    );
  });
});
