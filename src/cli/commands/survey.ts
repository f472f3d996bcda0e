import { systemClock } from "../../domain/clock.js";
import { TandemError } from "../../domain/errors.js";
import { periodQuery } from "../../domain/schemas/campaign.js";
import { mailSenderFromEnv } from "../../mail/smtp-mail-sender.js";
import { systemActor } from "../../store/actor.js";
import { migrate } from "../../store/migrate.js";
import { openStore } from "../../store/open-store.js";
import { createRepositories } from "../../store/repositories/index.js";
import { computePerceptionGap } from "../../use-cases/compute-perception-gap.js";
import { readCampaignResults } from "../../use-cases/read-campaign-results.js";
import { remindOpenCampaigns } from "../../use-cases/remind-open-campaigns.js";
import type { TandemConfig } from "../config.js";
import type { CliOutput } from "../output.js";

const withRepositories = async <T>(
  config: TandemConfig,
  run: (repos: ReturnType<typeof createRepositories>) => Promise<T>,
) => {
  const store = await openStore(config.store);
  try {
    await migrate(store.db);
    return await run(createRepositories(store.db, systemActor("cli")));
  } finally {
    await store.close();
  }
};

const figure = (x: number | null, suffix = "") => (x === null ? "–" : `${x}${suffix}`);

/** `tandem survey results <campaign>`: response rates and results per question; groups under five withheld. */
export const surveyResultsCommand = ({
  config,
  out,
  campaign,
  json,
}: {
  config: TandemConfig;
  out: CliOutput;
  campaign: string;
  json: boolean;
}) =>
  withRepositories(config, async (repos) => {
    const results = await readCampaignResults({
      repositories: repos,
      campaignId: await repos.campaigns.idOf(campaign),
      now: new Date(),
    });
    if (json) return out.result(JSON.stringify(results, null, 2));
    const c = results.campaign;
    out.result(`${c.name} (${c.surveyName}), ${c.status}, deadline ${c.deadline.slice(0, 10)}`);
    out.result(`responses: ${c.responded} of ${c.invited} (${figure(c.responseRatePct, " %")})`);
    for (const r of results.responseRates)
      out.result(`  ${r.audience.padEnd(8)} ${r.businessUnitName.padEnd(30)} ${r.responded}/${r.invited}`);
    for (const q of results.questions) {
      const head = `[${q.audience}] ${q.text}`;
      if (q.suppressed) out.result(`${head}\n    withheld: fewer than 5 answered`);
      else if (q.comments)
        out.result(
          `${head}\n${q.comments.map((k) => `    - ${k.text}${k.signedBy ? ` (${k.signedBy})` : ""}`).join("\n")}`,
        );
      else if (q.choices)
        out.result(`${head}\n${q.choices.map((k) => `    ${k.choice}: ${k.answers}`).join("\n")}`);
      else
        out.result(
          `${head}\n    n=${q.respondents} mean=${figure(q.mean)} ${q.score !== null ? `score=${q.score}` : `favourable=${figure(q.favourablePct, " %")}`}`,
        );
    }
  });

/** `tandem survey gap`: the perception gap of a period, largest gaps first. */
export const surveyGapCommand = ({
  config,
  out,
  from,
  to,
  json,
}: {
  config: TandemConfig;
  out: CliOutput;
  from?: string;
  to?: string;
  json: boolean;
}) =>
  withRepositories(config, async (repos) => {
    const period = periodQuery.safeParse({ from, to });
    if (!period.success)
      throw new TandemError("validation", "expected dates as YYYY-MM-DD", {
        issues: period.error.issues.map((i) => ({ path: `--${String(i.path[0])}`, message: i.message })),
      });
    const gap = await computePerceptionGap({
      repositories: repos,
      now: new Date(),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    });
    if (json) return out.result(JSON.stringify(gap, null, 2));
    out.result(
      `Perception gap ${gap.from} to ${gap.to} (IT's % agreeing minus the business's, 95 % interval)`,
    );
    for (const r of gap.overall)
      out.result(
        `${figure(r.gapPoints, " pts").padStart(10)} [${figure(r.ciLow)}, ${figure(r.ciHigh)}]${r.significant ? " *" : "  "}  business ${figure(r.business.agreePct, " %")} vs IT ${figure(r.it.agreePct, " %")}  ${r.statement}`,
      );
  });

/**
 * `tandem survey remind`: one reminder round over every open campaign (for cron, or when the
 * server's own schedule is off). Without SMTP the fresh links are printed to hand out.
 */
export const surveyRemindCommand = async ({
  config,
  out,
  json,
  env = process.env,
}: {
  config: TandemConfig;
  out: CliOutput;
  json: boolean;
  env?: NodeJS.ProcessEnv;
}) => {
  const publicUrl = env.TANDEM_PUBLIC_URL?.trim();
  if (!publicUrl) {
    throw new TandemError(
      "validation",
      "TANDEM_PUBLIC_URL: set it to the address people open Tandem at; reminder links are built on it",
    );
  }
  const mail = mailSenderFromEnv(env);
  try {
    const result = await withRepositories(config, (repositories) =>
      remindOpenCampaigns({ repositories, mail, publicUrl, clock: systemClock, handOutLinks: true }),
    );
    if (json) return out.result(JSON.stringify(result, null, 2));
    if (result.campaigns.length === 0) return out.result("no open campaign has reminder days");
    for (const c of result.campaigns) {
      if (c.status === "failed") {
        out.result(`${c.campaignName}: failed: ${c.error}`);
        continue;
      }
      out.result(`${c.campaignName}: ${c.reminded} reminded, ${c.mailed} mailed`);
      for (const l of c.links) out.result(`  ${l.email ?? "(no address)"} ${l.url}`);
    }
    if (result.campaigns.some((c) => c.status === "failed")) {
      throw new TandemError("conflict", "some campaigns could not be reminded (listed above)");
    }
  } finally {
    mail?.close();
  }
};
