/**
 * Ticket happiness and pain points at volume (issue 8 states no target for these; the figures show
 * the queries stay indexed): 100,000 answers on 200,000 tickets, 2,000 pain points. Measures the
 * happiness report (whole organisation and one stakeholder), the KPI source for one month, comment
 * themes over the 5,000 newest comments, answering a link, and the pain-point board.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { systemActor } from "../src/store/actor.js";
import { migrate } from "../src/store/migrate.js";
import { openStore, type Store } from "../src/store/open-store.js";
import { createRepositories } from "../src/store/repositories/index.js";
import { answerFeedback } from "../src/use-cases/answer-feedback.js";
import { createFeedbackLinks } from "../src/use-cases/create-feedback-links.js";
import { measureHappiness } from "../src/use-cases/measure-happiness.js";
import { reportCommentThemes } from "../src/use-cases/report-comment-themes.js";
import { reportHappiness } from "../src/use-cases/report-happiness.js";
import { benchServerUrl, withThrowawayDatabase } from "./throwaway-database.js";

const TICKETS = 200_000;
const ANSWERS = 100_000;
const PAIN_POINTS = 2_000;

const p = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;

const time = async (label: string, runs: number, run: () => Promise<unknown>) => {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(
    `  ${label.padEnd(58)} p50 ${p(times, 0.5).toFixed(1).padStart(7)} ms   p95 ${p(times, 0.95).toFixed(1).padStart(7)} ms`,
  );
};

const measure = async (store: Store, label: string) => {
  console.log(`\n${label}`);
  await migrate(store.db);
  const sys = createRepositories(store.db, systemActor("bench"));
  // 20 units, 50 services; each unit consumes 5 services.
  await sql`INSERT INTO business_unit (id, name, headcount, description, updated_at)
    SELECT gen_random_uuid(), 'Unit ' || g, 100, '', now() FROM generate_series(1, 20) g`.execute(store.db);
  await sql`INSERT INTO it_service (id, name, description, criticality_tier, lifecycle_status, updated_at)
    SELECT gen_random_uuid(), 'Service ' || g, '', 2, 'live', now() FROM generate_series(1, 50) g`.execute(
    store.db,
  );
  const started = performance.now();
  await sql`
    WITH u AS (SELECT id, row_number() OVER (ORDER BY name) AS n FROM business_unit),
         s AS (SELECT id, row_number() OVER (ORDER BY name) AS n FROM it_service)
    INSERT INTO unit_service (business_unit_id, service_id, share)
    SELECT u.id, s.id, 20 FROM u JOIN s ON (s.n - 1) / 5 % 20 = (u.n - 1) OR (s.n - 1) % 20 = (u.n - 1)
    ON CONFLICT DO NOTHING`.execute(store.db);
  await sql`
    WITH u AS (SELECT array_agg(id ORDER BY name) AS ids FROM business_unit),
         s AS (SELECT array_agg(id ORDER BY name) AS ids FROM it_service)
    INSERT INTO ticket (id, source_system, external_id, type, number, title, state, state_raw, opened_at,
                        resolved_at, assignment_group, channel, reassignment_count, service_id,
                        business_unit_id, content_hash)
    SELECT gen_random_uuid(), 'bench', 'b' || g, CASE WHEN g % 3 = 0 THEN 'request' ELSE 'incident' END,
           'INC' || g, 'Bench ticket ' || g, 'resolved', 'Resolved',
           timestamptz '2025-01-01' + (g % 600) * interval '1 day',
           timestamptz '2025-01-01' + (g % 600) * interval '1 day' + interval '5 hours',
           'Group ' || (g % 30), (ARRAY['portal', 'phone', 'email', 'chat'])[1 + g % 4], g % 5,
           s.ids[1 + g % 50], u.ids[1 + g % 20], md5(g::text)
    FROM generate_series(1, ${TICKETS}) g, u, s`.execute(store.db);
  await sql`
    INSERT INTO ticket_feedback (id, ticket_id, score, lost_minutes, comment, source, answered_at)
    SELECT gen_random_uuid(), t.id, (abs(hashtext(t.id::text)) % 11),
           (ARRAY[0, 15, 30, 60, 120, 240, 480, 960])[1 + abs(hashtext(t.number)) % 8],
           CASE WHEN abs(hashtext(t.number)) % 5 = 0
                THEN (ARRAY['The staff planner was slow again', 'Great help from the service desk',
                            'The printer in the warehouse keeps failing', 'Quick fix, thank you',
                            'Nobody told me when the checkout would work'])[1 + abs(hashtext(t.title)) % 5]
                ELSE '' END,
           'import', t.resolved_at + interval '1 day'
    FROM ticket t ORDER BY t.number LIMIT ${ANSWERS}`.execute(store.db);
  await sql`
    INSERT INTO pain_point (id, title, business_unit_id, frequency, hours_lost_per_week, status, posted_by,
                            created_at, acknowledged_at, updated_at)
    SELECT gen_random_uuid(), 'Pain ' || g, (SELECT id FROM business_unit ORDER BY name OFFSET g % 20 LIMIT 1),
           'weekly', 2, CASE WHEN g % 4 = 0 THEN 'new' ELSE 'acknowledged' END, 'bench',
           timestamptz '2026-01-01' + g * interval '1 hour',
           CASE WHEN g % 4 = 0 THEN NULL ELSE timestamptz '2026-01-01' + g * interval '1 hour' + interval '20 hours' END,
           now()
    FROM generate_series(1, ${PAIN_POINTS}) g`.execute(store.db);
  await sql`ANALYZE`.execute(store.db);
  console.log(
    `  seeded ${TICKETS} tickets, ${ANSWERS} answers, ${PAIN_POINTS} pain points in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const unit =
    (await sql<{ id: string }>`SELECT id FROM business_unit ORDER BY name LIMIT 1`.execute(store.db)).rows[0]
      ?.id ?? "";
  const stakeholder = createRepositories(store.db, {
    kind: "user",
    userId: "00000000-0000-4000-8000-000000000001",
    name: "bench stakeholder",
    role: "business_stakeholder",
    businessUnitIds: [unit],
    tokenScope: null,
  });
  await time("happiness report, whole organisation, all time", 10, () =>
    reportHappiness({ repositories: sys }),
  );
  await time("happiness report, one quarter", 20, () =>
    reportHappiness({ repositories: sys, from: "2025-04-01", to: "2025-06-30" }),
  );
  await time("happiness report as a stakeholder of one unit", 20, () =>
    reportHappiness({ repositories: stakeholder }),
  );
  await time("measureHappiness (KPI source), one month, one unit", 50, () =>
    measureHappiness({ repositories: sys, from: "2025-05-01", to: "2025-05-31", businessUnitId: unit }),
  );
  await time("comment themes over the newest 5,000 comments (wink-nlp)", 3, () =>
    reportCommentThemes({ repositories: sys }),
  );
  const links = await createFeedbackLinks({ repositories: sys, now: new Date(), limit: 200 });
  let next = 0;
  await time("answering a feedback link (hash lookup, spend, insert)", links.length, () =>
    answerFeedback({
      db: store.db,
      token: links[next++]?.token ?? "",
      answer: { score: 8, lostMinutes: 30, comment: "fine", signedBy: null },
      now: new Date(),
    }),
  );
  await time("pain-point board (2,000 with votes and comments)", 20, () =>
    sys.painPoints.list({}, new Date()),
  );
  await time("pain-point board as a stakeholder of one unit", 50, () =>
    stakeholder.painPoints.list({}, new Date()),
  );
};

const main = async () => {
  console.log(`feedback bench: ${TICKETS} tickets, ${ANSWERS} answers, ${PAIN_POINTS} pain points`);
  const dir = await mkdtemp(join(tmpdir(), "tandem-feedback-bench-"));
  try {
    const store = await openStore({ kind: "pglite", dataDir: join(dir, "data") });
    try {
      await measure(store, "PGlite (on disk)");
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const server = benchServerUrl();
  if (server) await withThrowawayDatabase(server, measure);
  else console.log("\n(set DATABASE_URL or TEST_DATABASE_URL to measure on a PostgreSQL server too)");
};

await main();
