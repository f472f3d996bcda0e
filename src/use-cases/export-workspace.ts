import type { Workspace } from "../domain/schemas/workspace.js";
import type { Db } from "../store/database.js";
import { WorkspaceRepository } from "../store/repositories/workspace-repository.js";

export interface ExportWorkspaceOptions {
  db: Db;
}

/** The whole alignment graph as one document, the same bytes for the same graph. */
export const exportWorkspace = ({ db }: ExportWorkspaceOptions): Promise<Workspace> =>
  new WorkspaceRepository(db).read();

export const serialiseWorkspace = (workspace: Workspace): string => `${JSON.stringify(workspace, null, 2)}\n`;
