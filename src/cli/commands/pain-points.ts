import type { PainPointStatus } from "../../domain/voice/pain-point-triage.js";
import { systemActor } from "../../store/actor.js";
import { migrate } from "../../store/migrate.js";
import { openStore } from "../../store/open-store.js";
import { createRepositories } from "../../store/repositories/index.js";
import type { TandemConfig } from "../config.js";
import type { CliOutput } from "../output.js";

/** `tandem pain-points`: the register, most voted first. */
export const painPointsCommand = async ({
  config,
  out,
  flags,
}: {
  config: TandemConfig;
  out: CliOutput;
  flags: { status?: PainPointStatus; json?: boolean };
}) => {
  const store = await openStore(config.store);
  try {
    await migrate(store.db);
    const repositories = createRepositories(store.db, systemActor("cli"));
    const items = await repositories.painPoints.list(
      flags.status ? { status: flags.status } : {},
      new Date(),
    );
    items.sort((a, b) => b.votes - a.votes || a.createdAt.localeCompare(b.createdAt));
    if (flags.json) {
      out.result(JSON.stringify(items, null, 2));
      return;
    }
    for (const p of items)
      out.result(
        `${p.status.padEnd(12)} ${String(p.votes).padStart(3)} votes ${p.quickWin ? "QUICK WIN " : ""}${p.businessUnitName}: ${p.title} (${p.hoursLostPerWeek} h/week, ${Math.round(p.ageHours / 24)} days old)`,
      );
  } finally {
    await store.close();
  }
};
