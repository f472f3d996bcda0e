-- A response kept the instant it was given, and its invitation the same instant as the moment its
-- link was used: joined on time, every answer named its invitee, though answers are promised to
-- be anonymous. Responses now keep only the month they were given in (every figure counts answers
-- by month); existing ones are brought to their month here.
UPDATE survey_response
SET submitted_at = date_trunc('month', submitted_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
WHERE submitted_at <> date_trunc('month', submitted_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
