import { decodedChunks } from "../../ingest/decoded-text.js";
import { systemActor } from "../../store/actor.js";
import { migrate } from "../../store/migrate.js";
import { openStore } from "../../store/open-store.js";
import { createRepositories, type Repositories } from "../../store/repositories/index.js";
import { createFeedbackLinks } from "../../use-cases/create-feedback-links.js";
import { loadFeedbackFile } from "../../use-cases/load-feedback-file.js";
import { reportHappiness } from "../../use-cases/report-happiness.js";
import type { TandemConfig } from "../config.js";
import type { CliOutput } from "../output.js";

const withRepositories = async <T>(config: TandemConfig, run: (repos: Repositories) => Promise<T>) => {
  const store = await openStore(config.store);
  try {
    await migrate(store.db);
    return await run(createRepositories(store.db, systemActor("cli")));
  } finally {
    await store.close();
  }
};

export interface FeedbackLinksFlags {
  resolvedFrom?: string;
  resolvedTo?: string;
  validDays: number;
  limit: number;
  baseUrl: string;
  json?: boolean;
}

/** `tandem feedback links`: one answer link per newly resolved ticket, printed once (only hashes are kept). */
export const feedbackLinksCommand = ({
  config,
  out,
  flags,
}: {
  config: TandemConfig;
  out: CliOutput;
  flags: FeedbackLinksFlags;
}) =>
  withRepositories(config, async (repositories) => {
    const links = await createFeedbackLinks({
      repositories,
      now: new Date(),
      validDays: flags.validDays,
      limit: flags.limit,
      ...(flags.resolvedFrom ? { resolvedFrom: flags.resolvedFrom } : {}),
      ...(flags.resolvedTo ? { resolvedTo: flags.resolvedTo } : {}),
    });
    const base = flags.baseUrl.replace(/\/+$/, "");
    const rows = links.map((link) => ({
      ticket: link.ticketNumber,
      url: `${base}${link.path}`,
      expiresAt: link.expiresAt,
    }));
    if (flags.json) out.result(JSON.stringify(rows, null, 2));
    else {
      for (const row of rows) out.result(`${row.ticket}\t${row.url}\t${row.expiresAt}`);
      out.info(`${rows.length} link(s) created; the links are shown only now`);
    }
  });

/** `tandem feedback import <file>`: answers collected by another tool, all or nothing. */
export const feedbackImportCommand = ({
  config,
  out,
  file,
}: {
  config: TandemConfig;
  out: CliOutput;
  file: string;
}) =>
  withRepositories(config, async (repositories) => {
    const result = await loadFeedbackFile({ repositories, file, chunks: decodedChunks(file) });
    out.result(
      `${result.read} answer(s) read: ${result.inserted} imported, ${result.alreadyAnswered} already answered`,
    );
  });

const figure = (value: number | null, unit = "") => (value === null ? "hidden (<5)" : `${value}${unit}`);

/** `tandem feedback report`: happiness and lost time by dimension, beside the benchmark. */
export const feedbackReportCommand = ({
  config,
  out,
  flags,
}: {
  config: TandemConfig;
  out: CliOutput;
  flags: { from?: string; to?: string; json?: boolean };
}) =>
  withRepositories(config, async (repositories) => {
    const report = await reportHappiness({
      repositories,
      ...(flags.from ? { from: flags.from } : {}),
      ...(flags.to ? { to: flags.to } : {}),
    });
    if (flags.json) {
      out.result(JSON.stringify(report, null, 2));
      return;
    }
    const o = report.overall;
    out.result(
      `overall: happiness ${figure(o.happiness)}, lost ${figure(o.meanLostMinutes, " min")} per ticket, ${figure(o.respondents)} respondents`,
    );
    out.result(
      `benchmark: incidents +${report.benchmark.incident.happiness} / ${report.benchmark.incident.lostMinutes} min, requests +${report.benchmark.request.happiness} / ${report.benchmark.request.lostMinutes} min`,
    );
    for (const [dimension, groups] of Object.entries(report.dimensions)) {
      out.result(`\n${dimension}`);
      for (const g of groups)
        out.result(
          `  ${g.label}\t${figure(g.happiness)}\t${figure(g.meanLostMinutes, " min")}\t${figure(g.respondents)}`,
        );
    }
  });
