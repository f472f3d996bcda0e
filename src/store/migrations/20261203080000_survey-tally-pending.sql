-- Answers given through links and not yet counted in survey_tally: the answering transaction adds
-- its responses here instead of updating ~8 tally rows per answer, and folds count them later
-- (every 2,000 answers, and before every read of the tally). No foreign key: a fold joins the
-- responses, so one deleted meanwhile is simply not counted, and the answering path is spared a
-- check per row.
CREATE TABLE survey_tally_pending (
  response_id uuid PRIMARY KEY
);
