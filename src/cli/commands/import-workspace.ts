import { readFile } from "node:fs/promises";
import { parseJsonDocument } from "../../ingest/parse-json-document.js";
import { migrate } from "../../store/migrate.js";
import { openStore } from "../../store/open-store.js";
import { importWorkspace } from "../../use-cases/import-workspace.js";
import type { TandemConfig } from "../config.js";
import type { CliOutput } from "../output.js";

/** Reads a workspace file into an empty store, validated, all or nothing. */
export const importWorkspaceCommand = async ({
  config,
  out,
  file,
}: {
  config: TandemConfig;
  out: CliOutput;
  file: string;
}) => {
  const workspace = parseJsonDocument(await readFile(file, "utf8"), file);
  const store = await openStore(config.store);
  try {
    await migrate(store.db);
    const result = await importWorkspace({ db: store.db, workspace });
    out.result(`imported ${file}: ${JSON.stringify(result)}`);
  } finally {
    await store.close();
  }
};
