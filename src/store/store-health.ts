import { sql } from "kysely";
import type { Db } from "./database.js";

/** True when the store answers a trivial query: what /healthz reports. */
export const isStoreReachable = async (db: Db): Promise<boolean> => {
  try {
    await sql`SELECT 1`.execute(db);
    return true;
  } catch {
    return false;
  }
};
