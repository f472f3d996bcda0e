import { TandemError } from "../../domain/errors.js";
import { describeUnmatched, type MatchField } from "../../domain/ticket-matching.js";
import type { TicketFormat } from "../../ingest/ticket-reader.js";
import { systemActor } from "../../store/actor.js";
import { migrate } from "../../store/migrate.js";
import { openStore } from "../../store/open-store.js";
import { createRepositories } from "../../store/repositories/index.js";
import { type ImportTicketFileResult, importTicketFile } from "../../use-cases/import-ticket-file.js";
import type { ImportError, ImportTicketsResult } from "../../use-cases/import-tickets.js";
import { mapTicketValue } from "../../use-cases/map-ticket-value.js";
import type { TandemConfig } from "../config.js";
import { importProgress } from "../import-progress.js";
import type { CliOutput } from "../output.js";

export interface ImportTicketsFlags {
  format: TicketFormat;
  mapping?: string;
  timeZone?: string;
  dateFormat?: string;
  dryRun?: boolean;
  skipInvalid?: boolean;
}

/** Unmatched values shown after an import; `tandem unmatched` lists more. */
const SHOWN = 10;
/** Rejected rows named in the error of a rejected import. */
const ERRORS_SHOWN = 20;

/** "  … and 12 more values with no service (`tandem unmatched` lists them)", when some were left out. */
const unmatchedLeftOut = (count: number, what: string): string[] =>
  count > SHOWN
    ? [
        `  … and ${(count - SHOWN).toLocaleString("en")} more values with no ${what} (\`tandem unmatched\` lists them)`,
      ]
    : [];

const where = (e: ImportError) =>
  `line ${e.line}${e.column !== undefined ? `, column ${e.column}` : ""}${e.field ? ` (${e.field})` : ""}`;

const summary = (file: string, r: ImportTicketsResult): string[] => [
  `${r.status === "dry_run" ? "dry run of" : r.status === "rejected" ? "nothing imported from" : "imported"} ${file}: ` +
    `${r.read} read, ${r.inserted} inserted, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected} rejected`,
  ...r.unmatched.services.slice(0, SHOWN).map((u) => `  ${describeUnmatched(u, "service")}`),
  ...unmatchedLeftOut(r.unmatched.services.length, "service"),
  ...r.unmatched.businessUnits.slice(0, SHOWN).map((u) => `  ${describeUnmatched(u, "business unit")}`),
  ...unmatchedLeftOut(r.unmatched.businessUnits.length, "business unit"),
];

/** `tandem import`: streams an export into the store, all or nothing unless --skip-invalid. */
export const importTicketsCommand = async ({
  config,
  out,
  file,
  flags,
  tty = Boolean(process.stderr.isTTY),
}: {
  config: TandemConfig;
  out: CliOutput;
  file: string;
  flags: ImportTicketsFlags;
  tty?: boolean;
}) => {
  const store = await openStore(config.store);
  const progress = importProgress(out, tty);
  let result: ImportTicketFileResult;
  try {
    await migrate(store.db);
    result = await importTicketFile({
      db: store.db,
      format: flags.format,
      file,
      ...(flags.mapping ? { mappingFile: flags.mapping } : {}),
      ...(flags.timeZone ? { timeZone: flags.timeZone } : {}),
      ...(flags.dateFormat ? { dateFormat: flags.dateFormat } : {}),
      source: file,
      actor: systemActor("cli import"),
      dryRun: Boolean(flags.dryRun),
      skipInvalid: Boolean(flags.skipInvalid),
      rejectsFile: `${file}.rejects.csv`,
      onProgress: progress.update,
    });
  } finally {
    progress.stop();
    await store.close();
  }
  for (const line of summary(file, result)) out.result(line);
  if (result.rejects) out.info(`wrote the ${result.rejects.count} rejected rows to ${result.rejects.file}`);
  if (result.status === "rejected") {
    throw new TandemError(
      "validation",
      `${result.rejected} row(s) rejected, so nothing was imported; fix them or use --skip-invalid`,
      {
        issues: [
          ...result.errors.slice(0, ERRORS_SHOWN).map((e) => ({ path: where(e), message: e.message })),
          // Never silently cut: say how many rejected rows are not listed here.
          ...(result.rejected > ERRORS_SHOWN
            ? [
                {
                  path: "more",
                  message: `${(result.rejected - ERRORS_SHOWN).toLocaleString("en")} more rejected row(s) not listed; --skip-invalid writes them all to ${file}.rejects.csv`,
                },
              ]
            : []),
        ],
      },
    );
  }
};

/** `tandem unmatched`: ticket values that match no service or unit, most tickets first. */
export const unmatchedCommand = async ({ config, out }: { config: TandemConfig; out: CliOutput }) => {
  const store = await openStore(config.store);
  try {
    await migrate(store.db);
    const matching = createRepositories(store.db, systemActor("cli")).ticketMatching;
    const [services, units] = await Promise.all([matching.unmatchedServices(), matching.unmatchedUnits()]);
    if (services.length === 0 && units.length === 0)
      out.result("every ticket has a service and a business unit");
    for (const u of services) out.result(describeUnmatched(u, "service"));
    for (const u of units) out.result(describeUnmatched(u, "business unit"));
  } finally {
    await store.close();
  }
};

/** `tandem map-value`: maps a value to a service or unit and re-matches the stored tickets. */
export const mapValueCommand = async ({
  config,
  out,
  options,
}: {
  config: TandemConfig;
  out: CliOutput;
  options: { field: MatchField; value: string; service?: string; unit?: string };
}) => {
  const store = await openStore(config.store);
  try {
    await migrate(store.db);
    const r = await mapTicketValue({ db: store.db, actor: systemActor("cli"), ...options });
    out.result(
      `mapped ${options.field} "${options.value}" to the ${r.kind === "service" ? "service" : "business unit"} ${r.targetName}: ${r.ticketsChanged} ticket(s) re-matched`,
    );
  } finally {
    await store.close();
  }
};
