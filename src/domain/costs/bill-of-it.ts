import type { BillLine, BillOfIt, CostFlow } from "../schemas/cost-model.js";

export interface BillInputs {
  unit: { id: string; name: string };
  period: string;
  allocated: boolean;
  currency: string;
  /** What reached the unit this month and the month before. */
  flows: readonly CostFlow[];
  previousFlows: readonly CostFlow[] | null;
  /** Tickets the unit opened this month, per node (`service:<id>`). */
  tickets: ReadonlyMap<string, number>;
  nameOf: (node: string) => string;
  /** Availability and SLA attainment per service node, when the scorecard has them. */
  performance?: ReadonlyMap<string, { availabilityPct: number | null; slaAttainmentPct: number | null }>;
}

/** Month-over-month change in %, one decimal; none when there was nothing the month before. */
export const changePct = (now: number, before: number | null): number | null =>
  before === null || before === 0 ? null : Math.round(((now - before) / Math.abs(before)) * 1000) / 10;

const kindOf = (node: string) => node.slice(0, node.indexOf(":")) as BillLine["kind"];

/**
 * A business unit's bill of IT for a month: one line per service (or tower or pool assigned to it
 * directly) with its cost, the rule's basis and driver, last month's cost and the change, and
 * what the unit got: its tickets, and availability and SLA attainment where known.
 */
export const billOfIt = (b: BillInputs): BillOfIt => {
  const previous = new Map<string, number>();
  for (const f of b.previousFlows ?? []) previous.set(f.from, (previous.get(f.from) ?? 0) + f.cents);
  const nodes = new Set([...b.flows.map((f) => f.from), ...previous.keys()]);
  const lines: BillLine[] = [...nodes].map((node) => {
    const flow = b.flows.find((f) => f.from === node);
    const cents = flow?.cents ?? 0;
    const before = b.previousFlows === null ? null : (previous.get(node) ?? 0);
    const perf = b.performance?.get(node);
    return {
      node,
      name: b.nameOf(node),
      kind: kindOf(node),
      cents,
      previousCents: before,
      changePct: changePct(cents, before),
      basis: flow?.basis ?? "none this month",
      driverValue: flow?.driverValue ?? null,
      driverTotal: flow?.driverTotal ?? null,
      tickets: b.tickets.get(node) ?? 0,
      availabilityPct: perf?.availabilityPct ?? null,
      slaAttainmentPct: perf?.slaAttainmentPct ?? null,
    };
  });
  lines.sort((x, y) => y.cents - x.cents || x.name.localeCompare(y.name));
  const totalCents = lines.reduce((s, l) => s + l.cents, 0);
  const previousTotalCents =
    b.previousFlows === null ? null : [...previous.values()].reduce((s, c) => s + c, 0);
  return {
    businessUnitId: b.unit.id,
    businessUnitName: b.unit.name,
    period: b.period,
    allocated: b.allocated,
    currency: b.currency,
    totalCents,
    previousTotalCents,
    changePct: changePct(totalCents, previousTotalCents),
    tickets: [...b.tickets.values()].reduce((s, n) => s + n, 0),
    lines,
  };
};

const csvCell = (value: string | number | null): string => {
  if (value === null) return "";
  const text = String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === "string" ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

const euros = (cents: number | null) => (cents === null ? null : (cents / 100).toFixed(2));

/** The bill as CSV: one line per service, amounts in currency units with two decimals. */
export const billOfItCsv = (bill: BillOfIt): string => {
  const header = [
    "period",
    "business_unit",
    "item",
    "kind",
    `cost_${bill.currency.toLowerCase()}`,
    `previous_${bill.currency.toLowerCase()}`,
    "change_pct",
    "basis",
    "driver_value",
    "driver_total",
    "tickets",
    "availability_pct",
    "sla_attainment_pct",
  ];
  const rows = bill.lines.map((l) => [
    bill.period,
    bill.businessUnitName,
    l.name,
    l.kind,
    euros(l.cents),
    euros(l.previousCents),
    l.changePct,
    l.basis,
    l.driverValue,
    l.driverTotal,
    l.tickets,
    l.availabilityPct,
    l.slaAttainmentPct,
  ]);
  rows.push([
    bill.period,
    bill.businessUnitName,
    "Total",
    "total",
    euros(bill.totalCents),
    euros(bill.previousTotalCents),
    bill.changePct,
    "",
    null,
    null,
    bill.tickets,
    null,
    null,
  ]);
  return `${[header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
};
