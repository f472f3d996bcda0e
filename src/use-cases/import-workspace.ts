import { TandemError } from "../domain/errors.js";
import {
  countWorkspace,
  type Workspace,
  type WorkspaceCounts,
  workspace,
} from "../domain/schemas/workspace.js";
import { checkWorkspaceIntegrity } from "../domain/workspace-integrity.js";
import type { Db } from "../store/database.js";
import { WorkspaceRepository } from "../store/repositories/workspace-repository.js";

export interface ImportWorkspaceOptions {
  db: Db;
  /** A parsed document, not yet trusted. */
  workspace: unknown;
  /** Who is importing, for the audit log. */
  actorLabel?: string;
}

/** Problems reported at once; past this, the first ones are enough to fix a document. */
const MAX_ISSUES = 100;

const tooMany = (issues: { path: string; message: string }[]) =>
  issues.length > MAX_ISSUES
    ? [
        ...issues.slice(0, MAX_ISSUES),
        { path: "", message: `and ${issues.length - MAX_ISSUES} more problems not listed` },
      ]
    : issues;

/** Checks a workspace document completely, naming every problem by its path. */
export const parseWorkspace = (document: unknown): Workspace => {
  const parsed = workspace.safeParse(document);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    throw new TandemError("validation", `the workspace is not valid: ${describe(issues)}`, {
      issues: tooMany(issues),
    });
  }
  const issues = checkWorkspaceIntegrity(parsed.data);
  if (issues.length > 0) {
    throw new TandemError("validation", `the workspace is not consistent: ${describe(issues)}`, {
      issues: tooMany(issues),
    });
  }
  return parsed.data;
};

const describe = (issues: { path: string; message: string }[]) =>
  `${issues
    .slice(0, 3)
    .map((i) => `${i.path || "(document)"}: ${i.message}`)
    .join("; ")}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ""}`;

/**
 * Loads a workspace into an empty store, all or nothing. Merging into a store that already holds
 * a graph would have to decide whose version of each item wins; refusing is the honest answer.
 */
export const importWorkspace = async ({
  db,
  workspace: document,
  actorLabel = "workspace import",
}: ImportWorkspaceOptions): Promise<WorkspaceCounts> => {
  const checked = parseWorkspace(document);
  const repository = new WorkspaceRepository(db);
  if (!(await repository.isEmpty())) {
    throw new TandemError(
      "conflict",
      "the store already holds an alignment graph; import a workspace only into an empty store",
    );
  }
  await repository.write(checked, actorLabel);
  return countWorkspace(checked);
};
