import { createDemoOrganisation, isStoreEmpty } from "../../use-cases/create-demo-organisation.js";
import type { TandemConfig } from "../config.js";
import type { CliOutput } from "../output.js";
import { type RunningServer, serve } from "./serve.js";

/** Serves Tandem with the demo organisation, creating it first when the store is empty. */
export const demo = async ({ config, out, seed }: { config: TandemConfig; out: CliOutput; seed: number }): Promise<RunningServer> => {
  const running = await serve({
    config,
    out,
    beforeListen: async (store) => {
      if (await isStoreEmpty(store.db)) {
        const result = await createDemoOrganisation({ db: store.db, seed });
        out.info(`created the demo organisation (seed ${seed}): ${JSON.stringify(result.counts)}`);
      } else {
        out.info("the store already holds data: serving it as it is");
      }
    },
  });
  out.result(`Tandem demo is ready at ${running.url}`);
  return running;
};
