import { describe, expect, it } from "vitest";
import { costModelInput } from "../schemas/cost-model.js";
import { convertCents, parseAmountCents, parseLedgerPeriod, poolOf, readLedgerRow } from "./ledger-line.js";

const model = costModelInput.parse({
  accounts: [
    { costCentre: "CC-HW", pool: "hardware" },
    { account: "65", pool: "software" },
    { account: "6", pool: "internal-labor" },
  ],
});
const options = {
  currency: "EUR",
  rates: { USD: 0.9 },
  modelOf: (p: string) => (p === "2026-10" ? model : null),
};

describe("ledger lines", () => {
  it("reads amounts as exact cents, with at most two decimals", () => {
    expect(parseAmountCents("1234.5")).toBe(123_450);
    expect(parseAmountCents("-0.01")).toBe(-1);
    expect(parseAmountCents("0.1")).toBe(10);
    expect(parseAmountCents("1,234.50")).toBeNull();
    expect(parseAmountCents("1.234")).toBeNull();
    expect(parseAmountCents("")).toBeNull();
  });

  it("reads a month or a date in it", () => {
    expect(parseLedgerPeriod("2026-10")).toBe("2026-10");
    expect(parseLedgerPeriod("2026-10-31")).toBe("2026-10");
    expect(parseLedgerPeriod("2026-1")).toBeNull();
    expect(parseLedgerPeriod("31.10.2026")).toBeNull();
  });

  it("converts at a rate, rounding half away from zero", () => {
    expect(convertCents(10_000, 0.9)).toBe(9_000);
    expect(convertCents(5, 0.5)).toBe(3); // 2.5 → 3
    expect(convertCents(-5, 0.5)).toBe(-3); // -2.5 → -3
    expect(convertCents(1, 1.234567)).toBe(1);
  });

  it("maps to the first matching pool: cost centre before account prefixes", () => {
    expect(poolOf(model, "7000", "CC-HW")).toBe("hardware");
    expect(poolOf(model, "6500", "CC-IT")).toBe("software");
    expect(poolOf(model, "6000", "CC-IT")).toBe("internal-labor");
    expect(poolOf(model, "7000", "CC-IT")).toBeNull();
  });

  it("converts a foreign line and keeps what was booked", () => {
    const read = readLedgerRow(
      4,
      { account: "6000", costCentre: "CC-IT", amount: "100.00", currency: "usd", period: "2026-10" },
      options,
    );
    expect(read).toEqual({
      line: {
        period: "2026-10",
        lineNo: 4,
        account: "6000",
        costCentre: "CC-IT",
        vendor: "",
        amountCents: 9_000,
        currency: "USD",
        bookedAmountCents: 10_000,
        pool: "internal-labor",
      },
    });
  });

  it("names every problem of a line with its field", () => {
    const read = readLedgerRow(
      9,
      { account: "", costCentre: "CC-IT", amount: "x", currency: "EURO", period: "2026-10" },
      options,
    );
    expect(read).toEqual({
      problems: [
        { line: 9, field: "account", message: "is empty" },
        { line: 9, field: "amount", message: '"x" is not an amount such as 1234.56' },
        { line: 9, field: "currency", message: '"EURO" is not a currency code such as EUR' },
      ],
    });
  });
});
