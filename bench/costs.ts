/**
 * How fast a full month's cost allocation is (target: under 3 s) on a ledger of 1,000,000 lines,
 * 200 pool-and-tower rules, 2,000 services and 100 business units, and whether it conserves money
 * to the cent. Times the whole pure path the `allocate` use case runs after its SQL reads: each
 * ledger line mapped to a pool by the model's account mapping (first match) and summed per pool,
 * the rules checked and sized against the graph (drivers: tickets, users, quantities; services
 * spread over their 1-5 consuming units by consumption share), and the allocation itself. The
 * ledger and graph are generated in memory with a fixed seed; the store is not involved.
 */
import { allocateCosts } from "../src/domain/costs/allocate-costs.js";
import { poolOf } from "../src/domain/costs/ledger-line.js";
import { type CostFacts, emptyCostFacts, resolveRules } from "../src/domain/costs/resolve-rules.js";
import { tbmPools } from "../src/domain/costs/tbm-taxonomy.js";
import { type AllocationRule, costModelInput } from "../src/domain/schemas/cost-model.js";
import { seededRandom } from "../src/domain/seeded-random.js";

const LINES = 1_000_000;
const SERVICES = 2_000;
const UNITS = 100;
const TOWERS = 190;
const TARGET_MS = 3000;

const seeded = seededRandom(9);
const random = seeded.next;
const pick = <T>(items: readonly T[]): T => seeded.pick(items);
const uuid = (kind: number, n: number) => `0000${kind}000-0000-4000-8000-${String(n).padStart(12, "0")}`;

const pools = tbmPools("tbm-v5").map((p) => p.key);
const services = Array.from({ length: SERVICES }, (_, i) => uuid(1, i));
const units = Array.from({ length: UNITS }, (_, i) => uuid(2, i));
const towers = Array.from({ length: TOWERS }, (_, i) => `t${i}`);

// Facts of the graph: consumption 1-5 units per service, tickets and users per service.
const facts: CostFacts = emptyCostFacts();
for (const id of services) {
  facts.services.set(id, {
    name: `Service ${id.slice(-4)}`,
    archived: false,
    users: Math.floor(random() * 5000),
  });
  facts.ticketsByService.set(id, Math.floor(random() * 300));
  const consumers = new Set(Array.from({ length: 1 + Math.floor(random() * 5) }, () => pick(units)));
  facts.consumption.set(
    id,
    [...consumers].map((unitId) => ({ unitId, share: 1 + Math.floor(random() * 99) })),
  );
}
for (const id of units)
  facts.units.set(id, {
    name: `Unit ${id.slice(-4)}`,
    headcount: 10 + Math.floor(random() * 500),
    archived: false,
  });

// 10 pool rules (percentages over 19 towers each, summing to 100, so every tower gets money) + 190 tower rules (a driver over 40 services).
const rules: AllocationRule[] = pools.map((pool, i) => ({
  id: `pool-${i}`,
  source: `pool:${pool}`,
  method: "percent",
  targets: Array.from({ length: 19 }, (_, k) => ({
    node: `tower:${towers[i * 19 + k]}`,
    percent: k < 18 ? 5 : 10,
  })),
}));
const quantities: { name: string; node: string; value: number }[] = [];
towers.forEach((tower, i) => {
  const targets = [...new Set(Array.from({ length: 40 }, () => pick(services)))].map((id) => ({
    node: `service:${id}`,
  }));
  const driver = i % 3 === 0 ? "tickets" : i % 3 === 1 ? "users" : "quantity:cpu-hours";
  if (driver === "quantity:cpu-hours")
    for (const t of targets) quantities.push({ name: "cpu-hours", node: t.node, value: random() * 1000 });
  rules.push({ id: `tower-${i}`, source: `tower:${tower}`, method: "driver", driver, targets });
});
const model = costModelInput.parse({
  taxonomy: "tbm-v5",
  towers: towers.map((key) => ({ key, name: `Tower ${key}` })),
  accounts: pools.map((pool, i) => ({ account: String(50 + i), pool })),
  rules,
  quantities,
});

// The ledger: account prefixes 50-59 (one per pool), amounts -1,000.00 to 99,000.00.
const accounts = new Array<string>(LINES);
const amounts = new Float64Array(LINES);
let ledgerTotal = 0;
for (let i = 0; i < LINES; i++) {
  accounts[i] =
    `${50 + Math.floor(random() * pools.length)}${String(Math.floor(random() * 100)).padStart(2, "0")}`;
  const cents = Math.floor(random() * 10_000_000) - 100_000;
  amounts[i] = cents;
  ledgerTotal += cents;
}

const started = performance.now();
const poolTotals = new Map<string, number>();
for (let i = 0; i < LINES; i++) {
  const pool = poolOf(model, accounts[i] as string, "CC") as string;
  poolTotals.set(pool, (poolTotals.get(pool) ?? 0) + (amounts[i] as number));
}
const mappedMs = performance.now() - started;
const resolved = resolveRules(model, facts);
if (resolved.issues.length > 0) throw new Error(`bench model has errors: ${resolved.issues[0]?.message}`);
const resolvedMs = performance.now() - started;
const result = allocateCosts(
  [...poolTotals].map(([pool, cents]) => ({ node: `pool:${pool}`, cents })),
  resolved.rules,
);
const totalMs = performance.now() - started;

const unitTotals = new Map<string, number>();
for (const f of result.flows)
  if (f.to.startsWith("unit:")) unitTotals.set(f.to, (unitTotals.get(f.to) ?? 0) + f.cents);
const perUnit = [...unitTotals.values()].reduce((a, b) => a + b, 0);
const unallocated = result.unallocated.reduce((a, u) => a + u.cents, 0);
const conserved = perUnit + unallocated === ledgerTotal;

const eur = (cents: number) => (cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2 });
console.log(
  `cost allocation: ${LINES.toLocaleString("en-US")} ledger lines, ${rules.length} pool and tower rules, ${SERVICES} services, ${UNITS} units`,
);
console.log(`  map lines to pools and sum: ${mappedMs.toFixed(0)} ms`);
console.log(`  check and size the rules:   ${(resolvedMs - mappedMs).toFixed(0)} ms`);
console.log(`  allocate (${result.flows.length} flows): ${(totalMs - resolvedMs).toFixed(0)} ms`);
console.log(
  `  full month: ${totalMs.toFixed(0)} ms (target < ${TARGET_MS} ms) ${totalMs < TARGET_MS ? "OK" : "TOO SLOW"}`,
);
console.log(`  ledger total        ${eur(ledgerTotal)}`);
console.log(`  per-unit totals     ${eur(perUnit)} over ${unitTotals.size} units`);
console.log(`  unallocated         ${eur(unallocated)}`);
console.log(`  units + unallocated == ledger total to the cent: ${conserved ? "yes" : "NO"}`);
if (!conserved || totalMs >= TARGET_MS) process.exitCode = 1;
