import { createDemoAccounts } from "../../use-cases/create-demo-accounts.js";
import { createDemoOrganisation, isStoreEmpty } from "../../use-cases/create-demo-organisation.js";
import type { TandemConfig } from "../config.js";
import type { CliOutput } from "../output.js";
import { type RunningServer, serve } from "./serve.js";

/** Serves Tandem with the demo organisation, creating it (and one account per role) when the store is empty. */
export const demo = async ({
  config,
  out,
  seed,
}: {
  config: TandemConfig;
  out: CliOutput;
  seed: number;
}): Promise<RunningServer> => {
  let signIn: string[] = [];
  const running = await serve({
    config,
    out,
    beforeListen: async (store) => {
      if (await isStoreEmpty(store.db)) {
        const result = await createDemoOrganisation({ db: store.db, seed });
        out.info(
          `created the demo organisation (seed ${seed}): ${JSON.stringify(result.counts)}, ${result.tickets} tickets of history`,
        );
        const { accounts, password } = await createDemoAccounts({ db: store.db });
        signIn = [
          "Demo accounts (password for all of them, shown only now):",
          `  password: ${password}`,
          ...accounts.map(
            (a) => `  ${a.email.padEnd(26)} ${a.role}${a.units.length ? ` (${a.units.join(", ")})` : ""}`,
          ),
        ];
      } else {
        signIn = [
          "The store already holds data: sign in with your account (reset one with `tandem user set-password`).",
        ];
      }
    },
  });
  for (const line of signIn) out.result(line);
  out.result(`Tandem demo is ready at ${running.url}`);
  return running;
};
