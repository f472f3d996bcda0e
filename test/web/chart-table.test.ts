import { describe, expect, it } from "vitest";
import { csvFileName, csvOf } from "../../web/src/components/chart-table.js";
import { changedFields } from "../../web/src/components/conflict-fields.js";
import { periodRange } from "../../web/src/components/use-url-state.js";

describe("the table behind a chart as CSV", () => {
  const columns = [
    { key: "service", label: "Service" },
    { key: "incidents", label: "Incidents", numeric: true, format: () => "formatted" },
  ];

  it("has a header of the labels, raw (unformatted) values and CRLF line ends", () => {
    expect(
      csvOf(columns, [
        { service: "Web Shop", incidents: 1234 },
        { service: "Ledger", incidents: null },
      ]),
    ).toBe("Service,Incidents\r\nWeb Shop,1234\r\nLedger,\r\n");
  });

  it("quotes commas, quotes, line breaks and edge spaces; doubles inner quotes", () => {
    expect(
      csvOf(columns, [
        { service: 'Shop, "new"', incidents: 1 },
        { service: "two\nlines", incidents: 2 },
        { service: " padded", incidents: 3 },
      ]),
    ).toBe('Service,Incidents\r\n"Shop, ""new""",1\r\n"two\nlines",2\r\n" padded",3\r\n');
  });

  it("defuses text a spreadsheet would run as a formula, but not negative numbers", () => {
    expect(csvOf(columns, [{ service: "=HYPERLINK(1)", incidents: -5 }])).toBe(
      "Service,Incidents\r\n'=HYPERLINK(1),-5\r\n",
    );
  });

  it("names the file after the title", () => {
    expect(csvFileName("SLA met by service (90 days)")).toBe("sla-met-by-service-90-days.csv");
    expect(csvFileName("€€€")).toBe("chart.csv");
  });
});

describe("what changed meanwhile (412)", () => {
  const fields = [
    { name: "name", label: "Name" },
    { name: "headcount", label: "Headcount" },
    { name: "aliases", label: "Aliases" },
  ];

  it("lists only the fields whose stored value differs, as readers say them", () => {
    expect(
      changedFields(
        fields,
        { name: "Sales", headcount: 420, aliases: [] },
        { name: "Sales", headcount: 512, aliases: ["S", "SL"] },
      ),
    ).toEqual([
      { field: fields[1], before: "420", now: "512" },
      { field: fields[2], before: "—", now: "S, SL" },
    ]);
  });

  it("treats absent and null alike", () => {
    expect(changedFields(fields, { name: "A" }, { name: "A", headcount: null })).toEqual([]);
  });
});

describe("dashboard periods", () => {
  it("are whole months ending with the current one (to is exclusive)", () => {
    const today = new Date("2026-11-25T15:00:00Z");
    expect(periodRange("1m", today)).toEqual({ from: "2026-11-01", to: "2026-12-01" });
    expect(periodRange("3m", today)).toEqual({ from: "2026-09-01", to: "2026-12-01" });
    expect(periodRange("12m", today)).toEqual({ from: "2025-12-01", to: "2026-12-01" });
    // Across a year end, and unknown values fall back to 3 months.
    expect(periodRange("3m", new Date("2027-01-10T00:00:00Z"))).toEqual({
      from: "2026-11-01",
      to: "2027-02-01",
    });
    expect(periodRange("nonsense", today)).toEqual({ from: "2026-09-01", to: "2026-12-01" });
  });
});
