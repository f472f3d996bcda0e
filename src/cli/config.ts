import { type OidcSettings, oidcSettingsFromEnv } from "../api/oidc.js";
import { type StoreLocation, storeLocationFromEnv } from "../store/open-store.js";

/** Everything Tandem reads from its environment, in one place (documented in the README). */
export interface TandemConfig {
  store: StoreLocation;
  host: string;
  port: number;
  logLevel: string;
  oidc: OidcSettings | null;
  cookieSecret: string | undefined;
  /** TANDEM_REMINDER_MINUTES as given; `tandem serve` reads it (reminderMinutesFrom). */
  reminderMinutes: string | undefined;
}

export const configFromEnv = (env: NodeJS.ProcessEnv = process.env): TandemConfig => ({
  store: storeLocationFromEnv(env),
  host: env.TANDEM_HOST ?? env.HOST ?? "127.0.0.1",
  port: Number(env.PORT ?? 3000),
  logLevel: env.LOG_LEVEL ?? "info",
  oidc: oidcSettingsFromEnv(env),
  cookieSecret: env.TANDEM_COOKIE_SECRET,
  reminderMinutes: env.TANDEM_REMINDER_MINUTES,
});

export const describeStore = (location: StoreLocation): string =>
  location.kind === "postgres"
    ? `PostgreSQL at ${new URL(location.connectionString).host}`
    : `embedded PGlite in ${location.dataDir ?? "memory"}`;
