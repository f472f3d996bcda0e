import { writeFile } from "node:fs/promises";
import { migrate } from "../../store/migrate.js";
import { openStore } from "../../store/open-store.js";
import { exportWorkspace, serialiseWorkspace } from "../../use-cases/export-workspace.js";
import type { TandemConfig } from "../config.js";
import type { CliOutput } from "../output.js";

/** Writes the whole workspace as one JSON file (or to stdout). */
export const exportWorkspaceCommand = async ({
  config,
  out,
  file,
}: {
  config: TandemConfig;
  out: CliOutput;
  file?: string;
}) => {
  const store = await openStore(config.store);
  try {
    await migrate(store.db);
    const text = serialiseWorkspace(await exportWorkspace({ db: store.db }));
    if (file) {
      await writeFile(file, text);
      out.info(`wrote ${file} (${text.length} bytes)`);
    } else {
      process.stdout.write(text);
    }
  } finally {
    await store.close();
  }
};
