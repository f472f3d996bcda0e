import { buildApp } from "../../api/build-app.js";
import { reminderMinutesFrom } from "../../api/reminder-schedule.js";
import { migrate } from "../../store/migrate.js";
import { openStore, type Store } from "../../store/open-store.js";
import { CredentialRepository } from "../../store/repositories/user-repository.js";
import { describeStore, type TandemConfig } from "../config.js";
import type { CliOutput } from "../output.js";

export interface ServeOptions {
  config: TandemConfig;
  out: CliOutput;
  /** Runs after migrations and before listening (the demo seeds here). */
  beforeListen?: (store: Store) => Promise<void>;
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

const SHUTDOWN_GRACE_MS = 5_000;

/** Opens and migrates the store, serves the API and web app, and shuts down cleanly on SIGTERM/SIGINT. */
export const serve = async ({ config, out, beforeListen }: ServeOptions): Promise<RunningServer> => {
  const reminderEveryMinutes = reminderMinutesFrom(config.reminderMinutes);
  const store = await openStore(config.store);
  try {
    const { applied } = await migrate(store.db);
    if (applied.length > 0) out.info(`applied ${applied.length} migration(s): ${applied.join(", ")}`);
    await beforeListen?.(store);
  } catch (error) {
    await store.close();
    throw error;
  }
  const app = await buildApp({
    store,
    logger: { level: config.logLevel },
    oidc: config.oidc,
    ...(config.cookieSecret ? { cookieSecret: config.cookieSecret } : {}),
    reminderEveryMinutes,
  });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}/`;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      // Open requests get a grace period; a client that stopped reading must not hold the
      // shutdown hostage, so after it every connection is cut.
      const cut = setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      cut.unref();
      await app.close();
      clearTimeout(cut);
      await store.close();
    })();
    return stopping;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    out.info(`${signal} received: finishing open requests and closing the store`);
    void stop().then(() => process.exit(0));
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
  out.info(`Tandem is serving ${describeStore(config.store)}`);
  if ((await new CredentialRepository(store.db).countUsers()) === 0) {
    out.info(
      "No user accounts yet: create the first admin with `tandem user create --admin --email you@example.com`.",
    );
  }
  return { url, stop };
};
