import { main } from "../../src/cli/main.js";
import type { CliOutput } from "../../src/cli/output.js";

export interface CliRun {
  code: number;
  lines: { result: string[]; info: string[]; error: string[] };
}

/** Runs `tandem <args>` in process on the PGlite store in `dataDir`, capturing what it prints. */
export const runCli = async (
  args: string[],
  dataDir: string,
  env: Record<string, string> = {},
): Promise<CliRun> => {
  const lines = { result: [] as string[], info: [] as string[], error: [] as string[] };
  const out: CliOutput = {
    result: (t) => lines.result.push(t),
    info: (t) => lines.info.push(t),
    error: (t) => lines.error.push(t),
  };
  const code = await main(["node", "tandem", ...args], out, { TANDEM_DATA_DIR: dataDir, ...env });
  return { code, lines };
};
