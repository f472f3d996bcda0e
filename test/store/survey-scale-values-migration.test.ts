import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/open-store.js";
import { openStoreAcrossMigration } from "../support/test-store.js";

const SCALE_VALUES = "20261126000000_survey-scale-values.sql";
const survey = "10000000-0000-4000-8000-000000000001";
const [likert, comment, nps] = [
  "20000000-0000-4000-8000-000000000001",
  "20000000-0000-4000-8000-000000000002",
  "20000000-0000-4000-8000-000000000003",
];
const campaign = "30000000-0000-4000-8000-000000000001";
const [first, second] = ["40000000-0000-4000-8000-000000000001", "40000000-0000-4000-8000-000000000002"];

describe("migration 20261126000000: scale answers move into their response", () => {
  let store: Store;

  beforeAll(async () => {
    // Answers as the earlier schema kept them: one row per answer, scale values in `value`.
    // Constant ids, so one script (a multi-statement script takes no parameters).
    store = await openStoreAcrossMigration(
      SCALE_VALUES,
      `
      INSERT INTO survey (id, name) VALUES ('${survey}', 'Old survey');
      INSERT INTO survey_question (id, survey_id, position, type, text) VALUES
        ('${likert}', '${survey}', 0, 'likert', 'IT listens.'),
        ('${comment}', '${survey}', 1, 'free_text', 'Anything else?'),
        ('${nps}', '${survey}', 2, 'nps', 'Would you recommend IT?');
      INSERT INTO campaign (id, survey_id, name, starts_at, deadline, created_by)
        VALUES ('${campaign}', '${survey}', 'Old campaign', '2026-01-01', '2026-02-01', 'test');
      INSERT INTO survey_response (id, campaign_id, audience, submitted_at) VALUES
        ('${first}', '${campaign}', 'business', '2026-01-10'), ('${second}', '${campaign}', 'it', '2026-01-11');
      INSERT INTO survey_answer (response_id, question_id, value, text) VALUES
        ('${first}', '${likert}', 4, NULL), ('${first}', '${comment}', NULL, 'Faster please'), ('${first}', '${nps}', 9, NULL),
        ('${second}', '${likert}', 2, NULL)`,
    );
  }, 60_000);
  afterAll(async () => store.close());

  it("puts each response's scale answers in one array by question position", async () => {
    const rows = await sql<{ id: string; values: (number | null)[] }>`
      SELECT id, scale_values AS values FROM survey_response ORDER BY id`.execute(store.db);
    expect(rows.rows).toEqual([
      { id: first, values: [4, null, 9] },
      { id: second, values: [2, null, null] },
    ]);
  });

  it("keeps the words as rows, and nothing else", async () => {
    const words = await sql<{ responseId: string; questionId: string; text: string | null }>`
      SELECT response_id, question_id, text FROM survey_answer`.execute(store.db);
    expect(words.rows).toEqual([{ responseId: first, questionId: comment, text: "Faster please" }]);
    const columns = await sql<{ name: string }>`
      SELECT column_name AS name FROM information_schema.columns
      WHERE table_name = 'survey_answer' ORDER BY ordinal_position`.execute(store.db);
    expect(columns.rows.map((c) => c.name)).toEqual(["response_id", "question_id", "choice", "text"]);
  });
});
