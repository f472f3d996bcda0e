import { sql } from "kysely";
import { nordwindCostModel, nordwindCostPeriods, nordwindLedger } from "../domain/demo/nordwind-costs.js";
import { systemActor } from "../store/actor.js";
import type { Db } from "../store/database.js";
import { createRepositories } from "../store/repositories/index.js";
import { allocatePeriodCosts } from "./allocate-period-costs.js";

export interface CreateDemoCostsOptions {
  db: Db;
  seed?: number;
}

/**
 * The demo's cost transparency: Nordwind's model in the first month, copied month by month, a
 * year of general ledger, and every month allocated, so bills of IT show from the first start.
 */
export const createDemoCosts = async ({ db, seed = 42 }: CreateDemoCostsOptions): Promise<void> => {
  const repositories = createRepositories(db, systemActor("demo organisation"));
  const services = await sql<{ id: string; name: string }>`
    SELECT id, name FROM it_service WHERE archived_at IS NULL AND lifecycle_status IN ('live', 'retiring')`.execute(
    db,
  );
  const units = await sql<{ id: string }>`SELECT id FROM business_unit WHERE archived_at IS NULL`.execute(db);
  const model = nordwindCostModel(
    new Map(services.rows.map((s) => [s.name, s.id])),
    units.rows.map((u) => u.id),
  );
  const [first, ...rest] = nordwindCostPeriods as [string, ...string[]];
  await repositories.costs.putModel(first, model);
  let previous = first;
  for (const period of rest) {
    await repositories.costs.copyModel(previous, period);
    previous = period;
  }
  await repositories.costs.replaceLedger(
    nordwindCostPeriods,
    nordwindLedger(model, seed),
    "demo general ledger",
  );
  for (const period of nordwindCostPeriods) await allocatePeriodCosts({ repositories, period });
};
