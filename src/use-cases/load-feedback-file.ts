import type { FieldIssue } from "../domain/errors.js";
import { TandemError } from "../domain/errors.js";
import { feedbackAnswer } from "../domain/schemas/feedback.js";
import { csvTable } from "../ingest/csv-rows.js";
import type { FeedbackToImport } from "../store/repositories/feedback-repository.js";
import type { Repositories } from "../store/repositories/index.js";

export interface LoadFeedbackFileOptions {
  repositories: Repositories;
  /** Name used in messages. */
  file: string;
  /** The CSV text, chunk by chunk. */
  chunks: AsyncIterable<string>;
}

export interface LoadFeedbackFileResult {
  read: number;
  inserted: number;
  alreadyAnswered: number;
}

/** Columns of a feedback export from another tool; `ticket` is the ticket number or the source's id. */
const required = ["ticket", "score", "answered_at"] as const;
const optional = ["lost_minutes", "comment", "signed_by"] as const;
const MAX_ROWS = 200_000;

/**
 * Imports happiness answers collected by another tool: every row is checked first (errors name the
 * line and column), and nothing is written unless all rows are good.
 */
export const loadFeedbackFile = async (options: LoadFeedbackFileOptions): Promise<LoadFeedbackFileResult> => {
  const table = await csvTable(options.file, options.chunks);
  const missing = required.filter((name) => table.columnOf(name) === undefined);
  if (missing.length > 0)
    throw new TandemError("validation", `${options.file}: missing column ${missing.join(", ")}`, {
      issues: missing.map((name) => ({
        path: `line ${table.headerLine}`,
        message: `missing column "${name}" (columns: ${[...required, ...optional].join(", ")})`,
      })),
    });
  const issues: FieldIssue[] = [];
  const problem = (line: number, column: string | null, message: string) => {
    if (issues.length < 100) {
      const at = column === null ? undefined : table.columnOf(column);
      issues.push({ path: at === undefined ? `line ${line}` : `line ${line}, column ${at}`, message });
    }
  };
  const rows: { line: number; reference: string; answer: Omit<FeedbackToImport, "ticketId"> }[] = [];
  const seen = new Map<string, number>();
  for await (const item of table.rows) {
    if (item.kind === "broken") {
      problem(item.line, null, item.message);
      continue;
    }
    if (rows.length + issues.length >= MAX_ROWS) {
      problem(item.line, null, `more than ${MAX_ROWS} rows; split the file`);
      break;
    }
    const fields = item.fields;
    const reference = (fields.ticket ?? "").trim();
    if (reference === "") problem(item.line, "ticket", "ticket: must not be empty");
    if (reference.includes("\u0000") || (fields.answered_at ?? "").includes("\u0000")) {
      problem(item.line, null, "must not contain NUL characters");
      continue;
    }
    const earlier = seen.get(reference);
    if (reference !== "" && earlier !== undefined)
      problem(item.line, "ticket", `ticket: ${reference} is answered twice (also on line ${earlier})`);
    seen.set(reference, item.line);
    const answeredAt = Date.parse((fields.answered_at ?? "").trim());
    if (Number.isNaN(answeredAt))
      problem(item.line, "answered_at", "answered_at: expected a date and time such as 2026-03-01T09:30:00Z");
    const lost = (fields.lost_minutes ?? "").trim();
    const parsed = feedbackAnswer.safeParse({
      score: /^-?\d+(\.\d+)?$/.test((fields.score ?? "").trim()) ? Number(fields.score) : fields.score,
      lostMinutes: lost === "" ? null : /^\d+$/.test(lost) ? Number(lost) : lost,
      comment: fields.comment ?? "",
      signedBy: (fields.signed_by ?? "").trim() === "" ? null : fields.signed_by,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? "");
        const column = {
          score: "score",
          lostMinutes: "lost_minutes",
          comment: "comment",
          signedBy: "signed_by",
        }[key];
        problem(item.line, column ?? null, `${column ?? key}: ${issue.message}`);
      }
      continue;
    }
    if (reference === "" || Number.isNaN(answeredAt)) continue;
    rows.push({
      line: item.line,
      reference,
      answer: { ...parsed.data, answeredAt: new Date(answeredAt).toISOString() },
    });
  }
  const ids = await options.repositories.feedback.ticketIdsByReference([
    ...new Set(rows.map((r) => r.reference)),
  ]);
  const answers: FeedbackToImport[] = [];
  for (const row of rows) {
    const ticketId = ids.get(row.reference);
    if (ticketId === undefined)
      problem(row.line, "ticket", `ticket: no ticket ${row.reference} has been imported`);
    else answers.push({ ...row.answer, ticketId });
  }
  if (issues.length > 0)
    throw new TandemError(
      "validation",
      `${options.file}: ${issues.length >= 100 ? "100 or more" : issues.length} problem(s); nothing was imported`,
      { issues },
    );
  const { inserted } = await options.repositories.feedback.importAnswers(answers);
  return { read: answers.length, inserted, alreadyAnswered: answers.length - inserted };
};
