import { describe, expect, it } from "vitest";
import { parseMeasurementFile, seriesProblems } from "./measurement-file.js";

describe("measurement file", () => {
  it("reads kpi, date and value in any column order", () => {
    const { rows, issues } = parseMeasurementFile(
      "Date,KPI,Value\n2026-11-02,Weekly online sales,123456.5\n",
    );
    expect(issues).toEqual([]);
    expect(rows).toEqual([
      { line: 2, kpi: "Weekly online sales", measuredOn: "2026-11-02", value: 123456.5 },
    ]);
  });
  it("names line and column of bad cells", () => {
    const { issues } = parseMeasurementFile(
      "kpi,date,value\nSales,2026-02-30,1\nSales,2026-03-01,1,234\n,2026-03-02,x\n",
    );
    expect(issues).toEqual([
      { path: "line 2, column 2", message: 'date: expected YYYY-MM-DD, got "2026-02-30"' },
      {
        path: "line 3, column 4",
        message:
          "expected 3 columns, got 4; quote a value with a comma in it, and write numbers without thousands separators",
      },
      { path: "line 4, column 1", message: "kpi: expected a KPI name or id" },
      { path: "line 4, column 3", message: 'value: expected a number such as 1234.5, got "x"' },
    ]);
  });
  it("refuses a header without the needed columns", () => {
    expect(parseMeasurementFile("name,when,amount\n").issues[0]?.message).toMatch(/lacks kpi, date, value/);
  });
  it("finds duplicates and gaps in a KPI's series, naming the KPI", () => {
    const rows = [
      { line: 2, kpi: "S", measuredOn: "2026-11-02", value: 1 },
      { line: 3, kpi: "S", measuredOn: "2026-11-04", value: 1 },
      { line: 4, kpi: "S", measuredOn: "2026-11-16", value: 1 },
    ];
    const problems = seriesProblems("Weekly online sales", "weekly", rows);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toEqual({
      path: "line 3, column date",
      message:
        'KPI "Weekly online sales" (weekly): date 2026-11-04 is a duplicate of line 2 for period 2026-W45',
    });
    expect(problems[1]?.message).toMatch(
      /KPI "Weekly online sales" \(weekly\): gap, no value for 2026-W46 between 2026-W45 and 2026-W47/,
    );
  });
});
