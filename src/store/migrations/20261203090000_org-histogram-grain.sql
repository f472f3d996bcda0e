-- The duration histogram of the whole organisation by month without priority ('month_o'). An
-- organisation's percentiles summed the month × priority histogram ('month_p'): five rows for every
-- bucket, 24,000 rows for a 12-month scorecard at 5,000,000 tickets. The new grain holds a fifth of
-- that; it adds a grouping set to the rollup flush whose rows are nearly all updates of existing
-- ones (a dozen months × three measures × the buckets in use).
CREATE TABLE ticket_duration_histogram_month_o PARTITION OF ticket_duration_histogram FOR VALUES IN ('month_o');

CREATE OR REPLACE FUNCTION ticket_grain_sql() RETURNS text
LANGUAGE sql IMMUTABLE AS $fn$
SELECT $sql$
-- GROUPING sets a bit (day = 64 … channel = 1) for each column NOT in the grouping set.
CASE GROUPING(day, month, priority, service_id, business_unit_id, assignment_group, channel)
  WHEN 47 THEN 'day_p' WHEN 79 THEN 'month_p'
  WHEN 95 THEN 'month_o'
  WHEN 71 THEN 'month_s'
  WHEN 43 THEN 'day_u' WHEN 75 THEN 'month_u'
  WHEN 83 THEN 'month_su'
  WHEN 64 THEN 'month_all' END
$sql$
$fn$;

CREATE OR REPLACE FUNCTION ticket_histogram_sets_sql() RETURNS text
LANGUAGE sql IMMUTABLE AS $fn$
SELECT $sql$
GROUPING SETS (
  (day, type, priority), (month, type, priority), (month, type),
  (month, type, priority, service_id),
  (month, type, priority, business_unit_id),
  (month, type, service_id, business_unit_id),
  (month, type, priority, service_id, business_unit_id, assignment_group, channel)
)
$sql$
$fn$;

-- Existing histograms: the organisation's months are their priorities' months summed.
INSERT INTO ticket_duration_histogram (grain, period_start, type, priority, service_id, business_unit_id,
  assignment_group, channel, measure, bucket, tickets)
SELECT 'month_o', period_start, type, NULL, NULL, NULL, NULL, NULL, measure, bucket, sum(tickets)
FROM ticket_duration_histogram WHERE grain = 'month_p'
GROUP BY period_start, type, measure, bucket
ORDER BY period_start;
