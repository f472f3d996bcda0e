-- A response's scale answers (CSAT, NPS, eNPS, Likert) move into the response itself, as one
-- array indexed by question position (scale_values[position + 1]; NULL where the question is not
-- a scale question or was left unanswered). Answering then writes one row per respondent instead
-- of one row per statement, which is what lets a batch of answers commit quickly (issue 8's
-- answering target). Questions never change once written, so a position stays meaningful.
-- survey_answer keeps the answers that are words: chosen options and free text.
ALTER TABLE survey_response ADD COLUMN scale_values smallint[] NOT NULL DEFAULT '{}';

UPDATE survey_response r SET scale_values = s.scale_values
FROM (
  SELECT r2.id, array_agg(a.value ORDER BY q.position) AS scale_values
  FROM survey_response r2
  JOIN campaign c ON c.id = r2.campaign_id
  JOIN survey_question q ON q.survey_id = c.survey_id
  LEFT JOIN survey_answer a ON a.response_id = r2.id AND a.question_id = q.id
  GROUP BY r2.id
) s
WHERE s.id = r.id;

DELETE FROM survey_answer WHERE choice IS NULL AND text IS NULL;
ALTER TABLE survey_answer DROP COLUMN value;
