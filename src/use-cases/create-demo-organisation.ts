import { buildDemoWorkspace } from "../domain/demo/build-demo-workspace.js";
import { TandemError } from "../domain/errors.js";
import type { WorkspaceCounts } from "../domain/schemas/workspace.js";
import type { Db } from "../store/database.js";
import { WorkspaceRepository } from "../store/repositories/workspace-repository.js";
import { importWorkspace } from "./import-workspace.js";

export interface CreateDemoOrganisationOptions {
  db: Db;
  /** Fixes the ids (and, for later data, every random choice): same seed, same organisation. */
  seed?: number;
}

export interface CreateDemoOrganisationResult {
  counts: WorkspaceCounts;
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
  return { counts };
};
