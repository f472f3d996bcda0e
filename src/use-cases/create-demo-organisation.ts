import { buildDemoWorkspace } from "../domain/demo/build-demo-workspace.js";
import { nordwindTickets } from "../domain/demo/nordwind-tickets.js";
import { TandemError } from "../domain/errors.js";
import type { WorkspaceCounts } from "../domain/schemas/workspace.js";
import type { TicketReader } from "../ingest/ticket-reader.js";
import { systemActor } from "../store/actor.js";
import type { Db } from "../store/database.js";
import { WorkspaceRepository } from "../store/repositories/workspace-repository.js";
import { createDemoCosts } from "./create-demo-costs.js";
import { createDemoFeedback } from "./create-demo-feedback.js";
import { createDemoKpis } from "./create-demo-kpis.js";
import { createDemoSurveys } from "./create-demo-surveys.js";
import { importTickets } from "./import-tickets.js";
import { importWorkspace } from "./import-workspace.js";

/**
 * Tickets in the demo's history: the 60,000. Measured on PGlite (on disk): 60,000 in 9.8 s,
 * so the demo's first start stays within the ~15 s it may add; lower it if that grows.
 */
export const demoTicketCount = 60_000;

export interface CreateDemoOrganisationOptions {
  db: Db;
  /** Fixes the ids (and, for later data, every random choice): same seed, same organisation. */
  seed?: number;
  /** About how many tickets of history to load (0: none, for tests that do not need them). */
  tickets?: number;
}

export interface CreateDemoOrganisationResult {
  counts: WorkspaceCounts;
  /** Tickets of history imported. */
  tickets: number;
}

/** True when the store holds no alignment graph yet (accounts do not count). */
export const isStoreEmpty = (db: Db): Promise<boolean> => new WorkspaceRepository(db).isEmpty();

/**
 * Fills an empty store with Nordwind Outdoor AG, the demo organisation, through the same checked,
 * all-or-nothing path as a workspace import.
 */
export const createDemoOrganisation = async ({
  db,
  seed = 42,
  tickets = demoTicketCount,
}: CreateDemoOrganisationOptions): Promise<CreateDemoOrganisationResult> => {
  if (!(await isStoreEmpty(db))) {
    throw new TandemError(
      "conflict",
      "the store is not empty; the demo organisation goes only into an empty store",
    );
  }
  const counts = await importWorkspace({
    db,
    workspace: buildDemoWorkspace(seed),
    actorLabel: "demo organisation",
  });
  let imported = 0;
  if (tickets > 0) {
    // Through the import itself, so that the demo's tickets are matched and stored as real ones.
    const reader: TicketReader = {
      read: async function* () {
        let line = 0;
        for (const record of nordwindTickets({ count: tickets, seed })) {
          line += 1;
          yield { kind: "ticket", at: { line }, record };
        }
      },
    };
    const result = await importTickets({
      db,
      reader,
      source: "demo ticket history",
      format: "demo",
      actor: systemActor("demo organisation"),
    });
    if (result.status !== "succeeded") {
      throw new TandemError(
        "internal",
        `the demo tickets did not import: ${result.errors[0]?.message ?? result.status}`,
      );
    }
    imported = result.inserted;
  }
  await createDemoSurveys({ db, seed });
  await createDemoFeedback({ db, seed });
  await createDemoCosts({ db, seed });
  await createDemoKpis({ db, seed });
  return { counts, tickets: imported };
};
