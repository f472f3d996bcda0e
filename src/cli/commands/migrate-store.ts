import { migrate } from "../../store/migrate.js";
import { openStore } from "../../store/open-store.js";
import { describeStore, type TandemConfig } from "../config.js";
import type { CliOutput } from "../output.js";

export const migrateStore = async ({ config, out }: { config: TandemConfig; out: CliOutput }) => {
  const store = await openStore(config.store);
  try {
    const { applied, alreadyApplied } = await migrate(store.db);
    out.result(
      applied.length > 0
        ? `applied ${applied.length} migration(s) to ${describeStore(config.store)}: ${applied.join(", ")}`
        : `${describeStore(config.store)} is up to date (${alreadyApplied} migrations)`,
    );
  } finally {
    await store.close();
  }
};
