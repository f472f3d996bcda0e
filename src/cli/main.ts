import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { exitCodeOf, isTandemError } from "../domain/errors.js";
import { periodUnit } from "../domain/schemas/scorecard.js";
import { role } from "../domain/schemas/user.js";
import { type MatchField, matchFields } from "../domain/ticket-matching.js";
import { type PainPointStatus, painPointStatuses } from "../domain/voice/pain-point-triage.js";
import { ticketFormats } from "../ingest/ticket-reader.js";
import { addCostsCommands } from "./commands/costs.js";
import { demo } from "./commands/demo.js";
import { exportWorkspaceCommand } from "./commands/export-workspace.js";
import {
  type FeedbackLinksFlags,
  feedbackImportCommand,
  feedbackLinksCommand,
  feedbackReportCommand,
} from "./commands/feedback.js";
import {
  type ImportTicketsFlags,
  importTicketsCommand,
  mapValueCommand,
  unmatchedCommand,
} from "./commands/import-tickets.js";
import { importWorkspaceCommand } from "./commands/import-workspace.js";
import { importMeasurementsCommand, kpisCommand, recomputeKpisCommand } from "./commands/kpis.js";
import { type MetricsFlags, metricsCommand, rebuildMetricsCommand } from "./commands/metrics.js";
import { migrateStore } from "./commands/migrate-store.js";
import { painPointsCommand } from "./commands/pain-points.js";
import { serve } from "./commands/serve.js";
import { surveyGapCommand, surveyRemindCommand, surveyResultsCommand } from "./commands/survey.js";
import {
  type SyncJiraFlags,
  type SyncServiceNowFlags,
  syncJiraCommand,
  syncServiceNowCommand,
} from "./commands/sync-tickets.js";
import { userCreate, userList, userSetPassword } from "./commands/user.js";
import { configFromEnv, type TandemConfig } from "./config.js";
import { type CliOutput, processOutput } from "./output.js";

const wholeNumber = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("expected a whole number");
  return n;
};

interface ServerFlags {
  port?: number;
  host?: string;
  dataDir?: string;
}

const withFlags = (base: TandemConfig, flags: ServerFlags): TandemConfig => ({
  ...base,
  ...(flags.port !== undefined ? { port: flags.port } : {}),
  ...(flags.host ? { host: flags.host } : {}),
  ...(flags.dataDir && base.store.kind === "pglite"
    ? { store: { kind: "pglite", dataDir: flags.dataDir } }
    : {}),
});

export const buildProgram = (out: CliOutput, env: NodeJS.ProcessEnv = process.env) => {
  const config = configFromEnv(env);
  const program = new Command("tandem")
    .description("Tandem: IT service management and the business in one picture")
    .exitOverride()
    .showHelpAfterError();
  const serverOptions = (cmd: Command) =>
    cmd
      .option("-p, --port <port>", "port to listen on (env PORT, default 3000)", wholeNumber)
      .option("--host <host>", "address to listen on (env TANDEM_HOST, default 127.0.0.1)")
      .option("--data-dir <dir>", "PGlite data directory (env TANDEM_DATA_DIR, default ./.tandem)");

  serverOptions(
    program.command("serve").description("serve the API and web app on the configured store"),
  ).action(async (flags: ServerFlags) => {
    const running = await serve({ config: withFlags(config, flags), out });
    out.result(`Tandem is ready at ${running.url}`);
  });
  serverOptions(
    program.command("demo").description("create the demo organisation if the store is empty, then serve it"),
  )
    .option("--seed <n>", "seed of the demo generator", wholeNumber, 42)
    .action(async (flags: ServerFlags & { seed: number }) => {
      await demo({ config: withFlags(config, flags), out, seed: flags.seed });
    });
  program
    .command("migrate")
    .description("apply pending database migrations")
    .option("--data-dir <dir>", "PGlite data directory")
    .action((flags: ServerFlags) => migrateStore({ config: withFlags(config, flags), out }));
  program
    .command("export")
    .description("write the whole workspace as one JSON file")
    .argument("[file]", "output file (default: stdout)")
    .option("--data-dir <dir>", "PGlite data directory")
    .action((file: string | undefined, flags: ServerFlags) =>
      exportWorkspaceCommand({ config: withFlags(config, flags), out, ...(file ? { file } : {}) }),
    );
  program
    .command("import-workspace")
    .description("load a workspace file into an empty store (validated, all or nothing)")
    .argument("<file>", "workspace JSON written by `tandem export`")
    .option("--data-dir <dir>", "PGlite data directory")
    .action((file: string, flags: ServerFlags) =>
      importWorkspaceCommand({ config: withFlags(config, flags), out, file }),
    );
  program
    .command("import")
    .description("import tickets from an ITSM export (validated, idempotent, all or nothing)")
    .argument("<file>", "the export file")
    .addOption(new Option("--format <format>", "export format").choices(ticketFormats).makeOptionMandatory())
    .option("--mapping <file>", "YAML or JSON column mapping (required for --format csv)")
    .option("--time-zone <zone>", "IANA zone of the export's local times, e.g. Europe/Berlin (default UTC)")
    .option("--date-format <format>", 'date format of the export, e.g. "dd/MM/yyyy HH:mm"')
    .option("--dry-run", "read, check and match everything; write nothing")
    .option("--skip-invalid", "import the valid rows; write the rejected ones to <file>.rejects.csv")
    .option("--data-dir <dir>", "PGlite data directory")
    .action((file: string, flags: ServerFlags & ImportTicketsFlags) =>
      importTicketsCommand({ config: withFlags(config, flags), out, file, flags }),
    );
  program
    .command("metrics")
    .description("service performance scorecard (whole organisation, a service or a business unit)")
    .option("--from <date>", "first day, YYYY-MM-DD (default: the 1st of the month a year before --to)")
    .option("--to <date>", "day after the last, YYYY-MM-DD (default: the 1st of next month)")
    .option("--service <name>", "one service, by name")
    .option("--business-unit <name>", "one business unit (and the units below it), by name or code")
    .addOption(new Option("--by <unit>", "also per period").choices(periodUnit.options))
    .option("--json", "print JSON with snake_case keys named after the metrics")
    .option("--data-dir <dir>", "PGlite data directory")
    .action((flags: ServerFlags & MetricsFlags) =>
      metricsCommand({ config: withFlags(config, flags), out, flags }),
    );
  program
    .command("rebuild-metrics")
    .description("recompute every service-performance rollup from the raw tickets")
    .option("--data-dir <dir>", "PGlite data directory")
    .action((flags: ServerFlags) => rebuildMetricsCommand({ config: withFlags(config, flags), out }));
  program
    .command("unmatched")
    .description("list ticket values that match no service or business unit, with their ticket counts")
    .option("--data-dir <dir>", "PGlite data directory")
    .action((flags: ServerFlags) => unmatchedCommand({ config: withFlags(config, flags), out }));
  program
    .command("map-value")
    .description("map a ticket value to a service or business unit and re-match the stored tickets")
    .addOption(new Option("--field <field>", "the ticket field").choices(matchFields).makeOptionMandatory())
    .requiredOption("--value <value>", "the value as the tickets carry it (case-insensitive)")
    .option("--service <name>", "the service to map to, by name")
    .option("--unit <name>", "the business unit to map to, by name or code")
    .option("--data-dir <dir>", "PGlite data directory")
    .action((flags: ServerFlags & { field: MatchField; value: string; service?: string; unit?: string }) =>
      mapValueCommand({
        config: withFlags(config, flags),
        out,
        options: {
          field: flags.field,
          value: flags.value,
          ...(flags.service ? { service: flags.service } : {}),
          ...(flags.unit ? { unit: flags.unit } : {}),
        },
      }),
    );
  const sync = program
    .command("sync")
    .description("incremental sync of tickets from a live ITSM API (credentials from the environment)");
  const syncOptions = (cmd: Command) =>
    cmd
      .option(
        "--since <date>",
        "where a first sync starts (ISO date, UTC); later runs use the stored watermark",
      )
      .option("--restart", "ignore the stored watermark and start again from --since (or the beginning)")
      .option("--page-size <n>", "records per page (each page is committed on its own)", wholeNumber)
      .option("--credentials-file <file>", "JSON secret file instead of the environment variables")
      .option("--skip-invalid", "write the valid records of a page even when some are rejected")
      .option("--data-dir <dir>", "PGlite data directory");
  syncOptions(
    sync
      .command("servicenow")
      .description("sync a ServiceNow table (SERVICENOW_USER/SERVICENOW_PASSWORD or SERVICENOW_TOKEN)")
      .requiredOption("--instance <url>", "the instance, e.g. https://acme.service-now.com")
      .option("--table <table>", "the table (default incident)"),
  ).action((flags: ServerFlags & SyncServiceNowFlags) =>
    syncServiceNowCommand({ config: withFlags(config, flags), out, flags, env }),
  );
  syncOptions(
    sync
      .command("jira")
      .description("sync Jira Service Management issues (JIRA_EMAIL and JIRA_API_TOKEN)")
      .requiredOption("--site <url>", "the site, e.g. https://acme.atlassian.net")
      .option("--jql-filter <jql>", "extra JQL, e.g. 'project = ITSM'")
      .addOption(
        new Option("--api <version>", "search API (v2: the older startAt/total search)").choices([
          "v3",
          "v2",
        ]),
      ),
  ).action((flags: ServerFlags & SyncJiraFlags) =>
    syncJiraCommand({ config: withFlags(config, flags), out, flags, env }),
  );
  const kpis = program
    .command("kpis")
    .description("each KPI's latest value, target and status")
    .option("--json", "print the KPIs as JSON")
    .option("--period <period>", "one period for every KPI, e.g. 2026-Q4 or 2026-W48")
    .option("--data-dir <dir>", "PGlite data directory")
    .action((flags: ServerFlags & { json?: boolean; period?: string }) =>
      kpisCommand({
        config: withFlags(config, flags),
        out,
        json: flags.json === true,
        ...(flags.period ? { period: flags.period } : {}),
      }),
    );
  kpis
    .command("import")
    .description("import business measurements from CSV (kpi,date,value), all or nothing")
    .argument("<file>", "the CSV file")
    .option("--dry-run", "check everything, write nothing")
    .option("--data-dir <dir>", "PGlite data directory")
    .action((file: string, flags: ServerFlags & { dryRun?: boolean }) =>
      importMeasurementsCommand({
        config: withFlags(config, flags),
        out,
        file,
        dryRun: flags.dryRun === true,
      }),
    );
  kpis
    .command("recompute")
    .description("recompute every KPI for a period and keep its snapshot history")
    .argument("<period>", "e.g. 2026-Q4, 2026-11 or 2026-W48")
    .option("--data-dir <dir>", "PGlite data directory")
    .action((period: string, flags: ServerFlags) =>
      recomputeKpisCommand({ config: withFlags(config, flags), out, period }),
    );
  const survey = program.command("survey").description("survey campaigns and the perception gap");
  survey
    .command("results")
    .description("a campaign's response rates and results per question (groups under five withheld)")
    .argument("<campaign>", "campaign id or name")
    .option("--json", "print the results as JSON")
    .option("--data-dir <dir>", "PGlite data directory")
    .action((campaign: string, flags: ServerFlags & { json?: boolean }) =>
      surveyResultsCommand({ config: withFlags(config, flags), out, campaign, json: flags.json === true }),
    );
  survey
    .command("gap")
    .description("the perception gap per statement, largest first")
    .option("--from <date>", "first day (YYYY-MM-DD; its month counts whole)")
    .option("--to <date>", "last day (YYYY-MM-DD)")
    .option("--json", "print the gap as JSON")
    .option("--data-dir <dir>", "PGlite data directory")
    .action((flags: ServerFlags & { json?: boolean; from?: string; to?: string }) =>
      surveyGapCommand({
        config: withFlags(config, flags),
        out,
        json: flags.json === true,
        ...(flags.from ? { from: flags.from } : {}),
        ...(flags.to ? { to: flags.to } : {}),
      }),
    );
  survey
    .command("remind")
    .description(
      "remind those who have not answered, for every open campaign whose reminder day has come (mailed with SMTP, else printed)",
    )
    .option("--json", "print the per-campaign results as JSON")
    .option("--data-dir <dir>", "PGlite data directory")
    .action((flags: ServerFlags & { json?: boolean }) =>
      surveyRemindCommand({ config: withFlags(config, flags), out, json: flags.json === true, env }),
    );
  const feedback = program.command("feedback").description("happiness feedback on resolved tickets");
  feedback
    .command("links")
    .description("create one answer link per resolved ticket that has none (printed once)")
    .option("--resolved-from <date>", "tickets resolved on or after this day (YYYY-MM-DD)")
    .option("--resolved-to <date>", "tickets resolved before this day (YYYY-MM-DD)")
    .option("--valid-days <n>", "days a link stays usable", wholeNumber, 14)
    .option("--limit <n>", "at most this many links", wholeNumber, 500)
    .option("--base-url <url>", "address of Tandem as respondents reach it", "http://localhost:3000")
    .option("--json", "print the links as JSON")
    .option("--data-dir <dir>", "PGlite data directory")
    .action((flags: ServerFlags & FeedbackLinksFlags) =>
      feedbackLinksCommand({ config: withFlags(config, flags), out, flags }),
    );
  feedback
    .command("import")
    .description("import answers collected by another tool from CSV (all or nothing)")
    .argument("<file>", "CSV with ticket, score, answered_at [, lost_minutes, comment, signed_by]")
    .option("--data-dir <dir>", "PGlite data directory")
    .action((file: string, flags: ServerFlags) =>
      feedbackImportCommand({ config: withFlags(config, flags), out, file }),
    );
  feedback
    .command("report")
    .description("happiness and lost time per service, unit, group, channel and reassignments")
    .option("--from <date>", "first day (YYYY-MM-DD)")
    .option("--to <date>", "last day (YYYY-MM-DD)")
    .option("--json", "print the report as JSON")
    .option("--data-dir <dir>", "PGlite data directory")
    .action((flags: ServerFlags & { from?: string; to?: string; json?: boolean }) =>
      feedbackReportCommand({ config: withFlags(config, flags), out, flags }),
    );
  program
    .command("pain-points")
    .description("the pain-point register, most voted first")
    .addOption(new Option("--status <status>", "only this status").choices([...painPointStatuses]))
    .option("--json", "print the pain points as JSON")
    .option("--data-dir <dir>", "PGlite data directory")
    .action((flags: ServerFlags & { status?: PainPointStatus; json?: boolean }) =>
      painPointsCommand({ config: withFlags(config, flags), out, flags }),
    );
  addCostsCommands(program, out, (flags) => withFlags(config, flags));
  const user = program.command("user").description("manage user accounts");
  user
    .command("create")
    .description("create a user; prints a generated password unless --password is given")
    .requiredOption("--email <email>", "e-mail address (sign-in name)")
    .option("--name <name>", "display name (default: the e-mail address)")
    .addOption(new Option("--role <role>", "access role").choices(role.options).default("viewer"))
    .option("--admin", "shorthand for --role admin")
    .option("--unit <name...>", "business unit(s) the user holds, by name")
    .option("--password <password>", "initial password (at least 12 characters)")
    .option("--data-dir <dir>", "PGlite data directory")
    .action(
      (
        flags: ServerFlags & {
          email: string;
          name?: string;
          role: (typeof role.options)[number];
          admin?: boolean;
          unit?: string[];
          password?: string;
        },
      ) =>
        userCreate({
          config: withFlags(config, flags),
          out,
          options: {
            email: flags.email,
            name: flags.name ?? flags.email,
            role: flags.admin ? "admin" : flags.role,
            units: flags.unit ?? [],
            ...(flags.password ? { password: flags.password } : {}),
          },
        }),
    );
  user
    .command("set-password")
    .description("set or reset a user's password; prints a generated one unless --password is given")
    .requiredOption("--email <email>", "the user's e-mail address")
    .option("--password <password>", "new password (at least 12 characters)")
    .option("--data-dir <dir>", "PGlite data directory")
    .action((flags: ServerFlags & { email: string; password?: string }) =>
      userSetPassword({
        config: withFlags(config, flags),
        out,
        email: flags.email,
        ...(flags.password ? { password: flags.password } : {}),
      }),
    );
  user
    .command("list")
    .description("list user accounts")
    .option("--data-dir <dir>", "PGlite data directory")
    .action((flags: ServerFlags) => userList({ config: withFlags(config, flags), out }));
  return program;
};

/** Runs the CLI and returns the exit code: TandemError codes map to stable exit codes. */
export const main = async (
  argv: string[],
  out: CliOutput = processOutput,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> => {
  try {
    await buildProgram(out, env).parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (isTandemError(error)) {
      out.error(error.message);
      for (const issue of error.issues) out.error(`  ${issue.path}: ${issue.message}`);
      for (const item of error.items.slice(0, 20))
        out.error(`  - ${typeof item === "string" ? item : JSON.stringify(item)}`);
      return exitCodeOf[error.code];
    }
    if (error instanceof Error && "code" in error && (error.code === "ENOENT" || error.code === "EACCES")) {
      out.error(error.message);
      return 2;
    }
    if (error instanceof Error && "code" in error && error.code === "EADDRINUSE") {
      out.error(`${error.message}: choose another --port`);
      return 5;
    }
    out.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  }
};
