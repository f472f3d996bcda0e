import { DateTime } from "luxon";
import { TandemError } from "../../domain/errors.js";
import { secretsOf } from "../../ingest/api-credentials.js";
import { jiraApiReader } from "../../ingest/jira-api-reader.js";
import { serviceNowApiReader } from "../../ingest/servicenow-api-reader.js";
import { systemActor } from "../../store/actor.js";
import { migrate } from "../../store/migrate.js";
import { openStore } from "../../store/open-store.js";
import {
  type SyncTicketsOptions,
  type SyncTicketsResult,
  syncTickets,
} from "../../use-cases/sync-tickets.js";
import type { TandemConfig } from "../config.js";
import type { CliOutput } from "../output.js";
import { jiraCredentials, serviceNowCredentials } from "../sync-credentials.js";

interface CommonSyncFlags {
  since?: string;
  pageSize?: number;
  credentialsFile?: string;
  restart?: boolean;
  skipInvalid?: boolean;
}

export interface SyncServiceNowFlags extends CommonSyncFlags {
  instance: string;
  table?: string;
}

export interface SyncJiraFlags extends CommonSyncFlags {
  site: string;
  jqlFilter?: string;
  api?: "v3" | "v2";
}

interface SyncCommandContext<F> {
  config: TandemConfig;
  out: CliOutput;
  flags: F;
  env: NodeJS.ProcessEnv;
}

/** `--since 2024-01-01` (or any ISO-8601 date or instant, UTC unless it says otherwise). */
const sinceOf = (text: string | undefined): string | null => {
  if (text === undefined) return null;
  const at = DateTime.fromISO(text, { zone: "utc" });
  if (!at.isValid) throw new TandemError("validation", `--since "${text}" is not an ISO-8601 date`);
  return at.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");
};

/** The base URL, checked: https (or http for a local test server), no path, no user info. */
const baseUrl = (text: string, flag: string): string => {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TandemError(
      "validation",
      `${flag} "${text}" is not a URL such as https://acme.service-now.com`,
    );
  }
  if (url.username || url.password)
    throw new TandemError("validation", `${flag}: put credentials in the environment, not in the URL`);
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new TandemError("validation", `${flag}: expected an https URL`);
  return url.origin;
};

const runSync = async (
  { config, out }: SyncCommandContext<unknown>,
  options: Omit<SyncTicketsOptions, "db">,
): Promise<void> => {
  const store = await openStore(config.store);
  let result: SyncTicketsResult;
  try {
    await migrate(store.db);
    result = await syncTickets({
      ...options,
      db: store.db,
      actor: systemActor("cli sync"),
      onPage: (p) =>
        out.info(
          `page ${p.page}: ${p.read} read, ${p.inserted} inserted, ${p.updated} updated, ` +
            `${p.unchanged} unchanged, ${p.rejected} rejected; watermark ${p.watermark ?? "none"}`,
        ),
    });
  } finally {
    await store.close();
  }
  out.result(
    `synced ${options.source} from ${result.from ?? "the beginning"}: ${result.pages} page(s), ` +
      `${result.read} read, ${result.inserted} inserted, ${result.updated} updated, ` +
      `${result.unchanged} unchanged, ${result.rejected} rejected; watermark ${result.watermark ?? "none"}`,
  );
  if (result.status === "rejected") {
    throw new TandemError(
      "validation",
      `${result.rejected} record(s) rejected, so the sync stopped before that page; fix them at the source or use --skip-invalid`,
      { issues: result.errors.slice(0, 20).map((e) => ({ path: `record ${e.line}`, message: e.message })) },
    );
  }
};

const common = (flags: CommonSyncFlags) => {
  if (flags.pageSize !== undefined && (flags.pageSize < 1 || flags.pageSize > 10_000))
    throw new TandemError("validation", "--page-size must be between 1 and 10000");
  return {
    since: sinceOf(flags.since),
    restart: Boolean(flags.restart),
    skipInvalid: Boolean(flags.skipInvalid),
  };
};

/** `tandem sync servicenow`: incremental sync of a ServiceNow table through the Table API. */
export const syncServiceNowCommand = async (context: SyncCommandContext<SyncServiceNowFlags>) => {
  const { flags } = context;
  const instance = baseUrl(flags.instance, "--instance");
  const table = flags.table ?? "incident";
  const credentials = await serviceNowCredentials(context.env, flags.credentialsFile);
  await runSync(context, {
    ...common(flags),
    source: `servicenow:${instance}:${table}`,
    format: "servicenow-api",
    secrets: secretsOf(credentials),
    openReader: (since) =>
      serviceNowApiReader({ instance, table, credentials, since, pageSize: flags.pageSize ?? 1000 }),
  });
};

/** `tandem sync jira`: incremental sync of Jira Service Management issues through the search API. */
export const syncJiraCommand = async (context: SyncCommandContext<SyncJiraFlags>) => {
  const { flags } = context;
  const site = baseUrl(flags.site, "--site");
  const credentials = await jiraCredentials(context.env, flags.credentialsFile);
  await runSync(context, {
    ...common(flags),
    source: `jira:${site}${flags.jqlFilter ? `:${flags.jqlFilter}` : ""}`,
    format: "jira-api",
    secrets: secretsOf(credentials),
    openReader: (since) =>
      jiraApiReader({
        site,
        credentials,
        since,
        pageSize: flags.pageSize ?? 100,
        ...(flags.jqlFilter ? { jqlFilter: flags.jqlFilter } : {}),
        ...(flags.api ? { api: flags.api } : {}),
      }),
  });
};
