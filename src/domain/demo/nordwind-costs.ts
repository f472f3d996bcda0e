import type { LedgerLine } from "../costs/ledger-line.js";
import { poolOf } from "../costs/ledger-line.js";
import type { AllocationRule, CostModel, CostModelInput } from "../schemas/cost-model.js";
import { costModelInput } from "../schemas/cost-model.js";
import { seededRandom } from "../seeded-random.js";

/** The twelve months of the demo's costs: the same year as its ticket history's last months. */
export const nordwindCostPeriods = [
  "2025-11",
  "2025-12",
  "2026-01",
  "2026-02",
  "2026-03",
  "2026-04",
  "2026-05",
  "2026-06",
  "2026-07",
  "2026-08",
  "2026-09",
  "2026-10",
];

/** Services Nordwind invests in to grow or transform; the rest keeps the lights on. */
const categories: Record<string, "grow" | "transform"> = {
  "Web Shop": "grow",
  "Mobile App": "grow",
  "Click and Collect": "grow",
  "Loyalty Platform": "grow",
  "Search and Recommendations": "grow",
  "Demand Forecasting": "transform",
  "Cloud Hosting Platform": "transform",
  "Warehouse Management": "transform",
};

/**
 * Nordwind's cost model: the general ledger's accounts mapped to the TBM v4 pools, pools spread
 * over towers by fixed percentages, towers over services by tickets and users and over units by
 * headcount, and services over their consumers by the graph's consumption shares. "Other" has no
 * rule on purpose, so the demo shows a visible unallocated line.
 */
export const nordwindCostModel = (
  serviceIds: ReadonlyMap<string, string>,
  unitIds: readonly string[],
): CostModel => {
  const services = [...serviceIds.values()].sort().map((id) => ({ node: `service:${id}` }));
  const units = [...unitIds].sort().map((id) => ({ node: `unit:${id}` }));
  const percent = (id: string, pool: string, split: [string, number][]): AllocationRule => ({
    id,
    source: `pool:${pool}`,
    method: "percent",
    targets: split.map(([tower, p]) => ({ node: `tower:${tower}`, percent: p })),
  });
  const driver = (tower: string, d: string, targets: { node: string }[]): AllocationRule => ({
    id: tower,
    source: `tower:${tower}`,
    method: "driver",
    driver: d,
    targets,
  });
  const model: CostModelInput = {
    taxonomy: "tbm-v4",
    currency: "EUR",
    accounts: [
      { account: "40", pool: "internal-labor" },
      { account: "41", pool: "external-labor" },
      { account: "42", pool: "outside-services" },
      { account: "43", pool: "hardware" },
      { account: "44", pool: "software" },
      { account: "45", pool: "facilities-power" },
      { account: "46", pool: "telecom" },
      { account: "49", pool: "other" },
    ],
    rules: [
      percent("internal-labor", "internal-labor", [
        ["application", 40],
        ["end-user", 15],
        ["delivery", 15],
        ["platform", 10],
        ["it-management", 10],
        ["security-compliance", 10],
      ]),
      percent("external-labor", "external-labor", [
        ["application", 60],
        ["delivery", 40],
      ]),
      percent("outside-services", "outside-services", [
        ["application", 50],
        ["security-compliance", 30],
        ["it-management", 20],
      ]),
      percent("hardware", "hardware", [
        ["compute", 40],
        ["storage", 20],
        ["end-user", 30],
        ["network", 10],
      ]),
      percent("software", "software", [
        ["application", 70],
        ["end-user", 15],
        ["security-compliance", 15],
      ]),
      {
        id: "facilities",
        source: "pool:facilities-power",
        method: "direct",
        targets: [{ node: "tower:data-center" }],
      },
      { id: "telecom", source: "pool:telecom", method: "direct", targets: [{ node: "tower:network" }] },
      {
        id: "data-center",
        source: "tower:data-center",
        method: "percent",
        targets: [
          { node: "tower:compute", percent: 60 },
          { node: "tower:storage", percent: 40 },
        ],
      },
      driver("compute", "users", services),
      driver("storage", "users", services),
      driver("network", "users", services),
      driver("platform", "tickets", services),
      driver("application", "tickets", services),
      driver("delivery", "tickets", services),
      driver("security-compliance", "users", services),
      driver("end-user", "headcount", units),
      driver("it-management", "headcount", units),
    ],
    serviceCategories: Object.entries(categories).flatMap(([name, category]) => {
      const id = serviceIds.get(name);
      return id ? [{ serviceId: id, category }] : [];
    }),
    budgets: [
      { node: "pool:internal-labor", annualCents: 480_000_000 },
      { node: "pool:external-labor", annualCents: 150_000_000 },
      { node: "pool:outside-services", annualCents: 110_000_000 },
      { node: "pool:hardware", annualCents: 95_000_000 },
      { node: "pool:software", annualCents: 210_000_000 },
      { node: "pool:facilities-power", annualCents: 36_000_000 },
      { node: "pool:telecom", annualCents: 42_000_000 },
      { node: "tower:application", annualCents: 520_000_000 },
    ],
  };
  return costModelInput.parse(model);
};

interface LedgerEntry {
  account: string;
  costCentre: string;
  vendor: string;
  /** Monthly amount in euros, before noise. */
  monthly: number;
  /** Growth per month (0.01 = +1 %). */
  growth?: number;
  /** Months (1-12) in which the entry is booked; all when absent. */
  months?: number[];
}

/** What a mid-sized retailer's IT books in a month, by account, cost centre and vendor. */
const entries: LedgerEntry[] = [
  { account: "4000", costCentre: "IT-APPS", vendor: "", monthly: 165_000 },
  { account: "4000", costCentre: "IT-INFRA", vendor: "", monthly: 92_000 },
  { account: "4000", costCentre: "IT-SERVICEDESK", vendor: "", monthly: 58_000 },
  { account: "4010", costCentre: "IT-MGMT", vendor: "", monthly: 36_000 },
  { account: "4020", costCentre: "IT-APPS", vendor: "", monthly: 41_000, months: [12, 6] },
  { account: "4100", costCentre: "IT-APPS", vendor: "Accenture", monthly: 64_000, growth: 0.01 },
  { account: "4100", costCentre: "IT-APPS", vendor: "Freelance developers", monthly: 38_000 },
  { account: "4110", costCentre: "IT-INFRA", vendor: "Bechtle", monthly: 19_000 },
  { account: "4200", costCentre: "IT-INFRA", vendor: "Managed SOC GmbH", monthly: 28_000 },
  { account: "4210", costCentre: "IT-APPS", vendor: "SAP Managed Services", monthly: 47_000 },
  { account: "4220", costCentre: "IT-MGMT", vendor: "Gartner", monthly: 9_500 },
  { account: "4300", costCentre: "IT-INFRA", vendor: "Dell Technologies", monthly: 31_000 },
  { account: "4310", costCentre: "IT-WORKPLACE", vendor: "Lenovo", monthly: 24_000 },
  { account: "4320", costCentre: "IT-INFRA", vendor: "NetApp", monthly: 11_000, months: [3] },
  { account: "4400", costCentre: "IT-APPS", vendor: "SAP", monthly: 58_000 },
  { account: "4400", costCentre: "IT-WORKPLACE", vendor: "Microsoft", monthly: 44_000 },
  { account: "4410", costCentre: "IT-APPS", vendor: "Salesforce", monthly: 21_000 },
  { account: "4420", costCentre: "IT-INFRA", vendor: "Amazon Web Services", monthly: 39_000, growth: 0.025 },
  { account: "4430", costCentre: "IT-APPS", vendor: "Shopware", monthly: 12_500 },
  { account: "4500", costCentre: "IT-INFRA", vendor: "Equinix", monthly: 22_000 },
  { account: "4510", costCentre: "IT-INFRA", vendor: "Stadtwerke Kassel", monthly: 7_800 },
  { account: "4600", costCentre: "IT-INFRA", vendor: "Deutsche Telekom", monthly: 26_000 },
  { account: "4610", costCentre: "IT-WORKPLACE", vendor: "Vodafone", monthly: 9_200 },
  { account: "4900", costCentre: "IT-MGMT", vendor: "Travel and training", monthly: 6_400 },
];

/**
 * The demo ledger: each entry booked in a few lines a month (split like invoices and payroll runs),
 * with seeded noise and growth, mapped to pools by the model. Amounts in cents.
 */
export const nordwindLedger = (model: CostModel, seed: number): LedgerLine[] => {
  const random = seededRandom(seed + 9);
  const lines: LedgerLine[] = [];
  nordwindCostPeriods.forEach((period, index) => {
    const month = Number(period.slice(5));
    let lineNo = 1;
    for (const e of entries) {
      if (e.months && !e.months.includes(month)) continue;
      const base = e.monthly * (1 + (e.growth ?? 0)) ** index;
      const parts = random.int(2, 6);
      for (let p = 0; p < parts; p++) {
        const euros = (base / parts) * (0.92 + random.next() * 0.16);
        const cents = Math.round(euros * 100);
        lines.push({
          period,
          lineNo: lineNo++,
          account: e.account,
          costCentre: e.costCentre,
          vendor: e.vendor,
          amountCents: cents,
          currency: "EUR",
          bookedAmountCents: cents,
          pool: poolOf(model, e.account, e.costCentre) ?? "other",
        });
      }
    }
    // A credit note now and then: money comes back too.
    if (index % 4 === 2) {
      const cents = -Math.round(3_000_00 + random.next() * 2_000_00);
      lines.push({
        period,
        lineNo: lineNo++,
        account: "4300",
        costCentre: "IT-INFRA",
        vendor: "Dell Technologies",
        amountCents: cents,
        currency: "EUR",
        bookedAmountCents: cents,
        pool: "hardware",
      });
    }
  });
  return lines;
};
