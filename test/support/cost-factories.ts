import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import type { CostModelInput } from "../../src/domain/schemas/cost-model.js";
import { costModelInput } from "../../src/domain/schemas/cost-model.js";
import type { Db } from "../../src/store/database.js";
import type { Repositories } from "../../src/store/repositories/index.js";
import { allocatePeriodCosts } from "../../src/use-cases/allocate-period-costs.js";
import { importTickets } from "../../src/use-cases/import-tickets.js";
import { makeBusinessUnit, makeService } from "./factories.js";
import { multipartBody } from "./multipart.js";
import { arrayReader, asRead, makeTicketRecord } from "./ticket-factories.js";

/**
 * A small cost world whose October 2026 allocation is worked out by hand in
 * test/store/cost-allocation.test.ts: Sales (30 people) and HR (10), CRM (Sales), Payroll (HR),
 * E-mail (Sales 75 %, HR 25 %), three CRM and one Payroll ticket in October, and a model that uses
 * every kind of rule.
 */
export interface CostWorld {
  sales: string;
  hr: string;
  crm: string;
  payroll: string;
  email: string;
  model: CostModelInput;
}

export const COST_PERIOD = "2026-10";

export const makeCostWorld = async (r: Repositories, db: Db, suffix = ""): Promise<CostWorld> => {
  const sales = (await makeBusinessUnit(r, { name: `Sales${suffix}`, headcount: 30 })).id;
  const hr = (await makeBusinessUnit(r, { name: `HR${suffix}`, headcount: 10 })).id;
  const crm = (await makeService(r, { name: `CRM${suffix}` })).id;
  const payroll = (await makeService(r, { name: `Payroll${suffix}` })).id;
  const email = (await makeService(r, { name: `E-mail${suffix}` })).id;
  await r.links.put("unit-service", { businessUnitId: sales, serviceId: crm, share: 100 });
  await r.links.put("unit-service", { businessUnitId: hr, serviceId: payroll, share: 100 });
  await r.links.put("unit-service", { businessUnitId: sales, serviceId: email, share: 75 });
  await r.links.put("unit-service", { businessUnitId: hr, serviceId: email, share: 25 });
  const tickets = [crm, crm, crm, payroll].map((serviceId) => ({
    serviceId,
    record: makeTicketRecord({
      openedAt: "2026-10-05T09:00:00Z",
      resolvedAt: "2026-10-05T10:00:00Z",
      requesterDepartment: serviceId === crm ? `Sales${suffix}` : `HR${suffix}`,
    }),
  }));
  await importTickets({
    db,
    reader: arrayReader(asRead(tickets.map((t) => t.record))),
    source: "cost world",
  });
  for (const t of tickets) {
    await sql`UPDATE ticket SET service_id = ${t.serviceId}::uuid WHERE external_id = ${t.record.externalId}`.execute(
      db,
    );
  }
  const model: CostModelInput = {
    taxonomy: "tbm-v4",
    currency: "EUR",
    accounts: [
      { costCentre: "CC-HW", pool: "hardware" },
      { account: "65", pool: "software" },
      { account: "6", pool: "internal-labor" },
    ],
    rules: [
      {
        id: "labor",
        source: "pool:internal-labor",
        method: "percent",
        targets: [
          { node: "tower:application", percent: 60 },
          { node: "tower:end-user", percent: 40 },
        ],
      },
      { id: "hardware", source: "pool:hardware", method: "direct", targets: [{ node: "tower:compute" }] },
      {
        id: "licences",
        source: "pool:software",
        method: "driver",
        driver: "quantity:licences",
        targets: [{ node: `service:${crm}` }, { node: `service:${email}` }],
      },
      {
        id: "apps",
        source: "tower:application",
        method: "driver",
        driver: "tickets",
        targets: [{ node: `service:${crm}` }, { node: `service:${payroll}` }],
      },
      {
        id: "workplace",
        source: "tower:end-user",
        method: "driver",
        driver: "headcount",
        targets: [{ node: `unit:${sales}` }, { node: `unit:${hr}` }],
      },
      {
        id: "compute",
        source: "tower:compute",
        method: "percent",
        targets: [
          { node: `service:${crm}`, percent: 50 },
          { node: `service:${payroll}`, percent: 30 },
        ],
      },
    ],
    quantities: [
      { name: "licences", node: `service:${crm}`, value: 30 },
      { name: "licences", node: `service:${email}`, value: 70 },
    ],
    budgets: [{ node: "pool:hardware", annualCents: 500_000 }],
  };
  await r.costs.putModel(COST_PERIOD, costModelInput.parse(model));
  return { sales, hr, crm, payroll, email, model };
};

/** The October ledger: 2,123.34 EUR once the USD line is converted at 0.9. */
export const COST_LEDGER_CSV = [
  "account,cost_centre,vendor,amount,currency,period",
  "6000,CC-IT,Acme,1000.00,EUR,2026-10",
  "6010,CC-IT,,200.01,EUR,2026-10-15",
  "7000,CC-HW,Dell,500.00,EUR,2026-10",
  "6500,CC-IT,Microsoft,333.33,EUR,2026-10",
  "6020,CC-IT,Globex,100.00,USD,2026-10",
].join("\n");

export const writeTempCsv = async (name: string, content: string): Promise<string> => {
  const path = join(tmpdir(), `tandem-cost-test-${process.pid}-${Date.now()}-${name}`);
  await writeFile(path, content);
  return path;
};

let matrixYear = 3000;

/** Gives the authorization matrix a month with a model and an allocation, so every cost read answers 2xx. */
export const arrangeCostMatrix = async (r: Repositories): Promise<void> => {
  await r.costs.putModel(COST_PERIOD, costModelInput.parse({}));
  await allocatePeriodCosts({ repositories: r, period: COST_PERIOD });
};

/** The body (and URL) of a cost write for the authorization matrix. */
export const costMatrixRequest = async (
  method: string,
  path: string,
): Promise<{ url: string; payload: object | Buffer; headers: Record<string, string> }> => {
  if (path === "/api/v1/costs/ledger") {
    const body = await multipartBody(
      {},
      {
        file: {
          name: "ledger.csv",
          content: "account,cost_centre,amount,period,pool\n6000,CC,1.00,2026-10,software\n",
        },
      },
    );
    return { url: path, payload: body.payload, headers: body.headers };
  }
  if (path === "/api/v1/costs/model/copy") {
    matrixYear += 1;
    return { url: path, payload: { from: COST_PERIOD, to: `${matrixYear}-01` }, headers: {} };
  }
  if (path === "/api/v1/costs/model" && method === "PUT")
    return { url: `${path}?period=${COST_PERIOD}`, payload: {}, headers: {} };
  return { url: path, payload: { period: COST_PERIOD }, headers: {} };
};
