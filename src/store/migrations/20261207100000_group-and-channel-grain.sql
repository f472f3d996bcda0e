-- Figures by assignment group or channel come from a grain without services ('month_gc': month ×
-- type × priority × unit × group × channel), not from the grain of every dimension ('month_all');
-- the few questions that cross a service with a group, a channel, or a unit and a priority are
-- answered from that service's tickets (ticket_rollup_rows_of_service).
--
-- Why: 'month_all' held about a row per ticket (102,689 rows for 100,000 imported incidents over
-- 500 services, 12 groups and 3 channels; at 5,000,000 tickets, 4.7 million rows). Reading one
-- service's rows of it was reading as many rows as the service's tickets, and writing them was
-- two thirds of the rows an import wrote to the rollups (about 1.7 of the 2.7 s it took to write
-- them, for those 100,000 tickets on PGlite). 'month_gc' holds 2,340 rows for the same tickets.
CREATE TABLE ticket_rollup_month_gc PARTITION OF ticket_rollup FOR VALUES IN ('month_gc');

-- Existing rollups: the new grain is the old one summed over services (durations merged).
INSERT INTO ticket_rollup (grain, period_start, type, priority, business_unit_id, assignment_group, channel,
  opened, open_now, caused_by_change, acknowledged, ack_seconds, left_backlog, resolved, resolve_seconds,
  resolve_service_seconds, reopened, first_contact, sla_total, sla_met, changes_closed, changes_successful,
  fulfilled, fulfil_seconds, resolve_durations, resolve_service_durations, fulfil_durations)
SELECT 'month_gc', period_start, type, priority, business_unit_id, assignment_group, channel,
  sum(opened), sum(open_now), sum(caused_by_change), sum(acknowledged), sum(ack_seconds), sum(left_backlog),
  sum(resolved), sum(resolve_seconds), sum(resolve_service_seconds), sum(reopened), sum(first_contact),
  sum(sla_total), sum(sla_met), sum(changes_closed), sum(changes_successful), sum(fulfilled), sum(fulfil_seconds),
  duration_entries_compact(COALESCE(string_to_array(string_agg(array_to_string(resolve_durations, ','), ',')
    FILTER (WHERE cardinality(resolve_durations) > 0), ',')::int8[], '{}')),
  duration_entries_compact(COALESCE(string_to_array(string_agg(array_to_string(resolve_service_durations, ','), ',')
    FILTER (WHERE cardinality(resolve_service_durations) > 0), ',')::int8[], '{}')),
  duration_entries_compact(COALESCE(string_to_array(string_agg(array_to_string(fulfil_durations, ','), ',')
    FILTER (WHERE cardinality(fulfil_durations) > 0), ',')::int8[], '{}'))
FROM ticket_rollup WHERE grain = 'month_all'
GROUP BY period_start, type, priority, business_unit_id, assignment_group, channel;
DROP TABLE ticket_rollup_month_all;

-- The rollup statement, with 'month_gc' in the place of 'month_all'.
CREATE OR REPLACE FUNCTION ticket_rollup_statements(source text) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $fn$
  SELECT ARRAY[
  format(ticket_contributions_sql(), source) || format($sql$,
    by_month AS (%1$s),
    by_day AS (%2$s),
    grouped AS (
      -- GROUPING sets a bit (priority = 16 … channel = 1) for each column NOT in the grouping set.
      SELECT CASE GROUPING(priority, service_id, business_unit_id, assignment_group, channel)
          WHEN 15 THEN 'month_p' WHEN 31 THEN 'month_o' WHEN 7 THEN 'month_s' WHEN 11 THEN 'month_u'
          WHEN 19 THEN 'month_su' WHEN 8 THEN 'month_gc' END AS grain,
        p AS period_start, type, priority, service_id, business_unit_id, assignment_group, channel, %3$s
      FROM by_month
      GROUP BY GROUPING SETS ((p, type, priority), (p, type), (p, type, priority, service_id),
        (p, type, priority, business_unit_id), (p, type, service_id, business_unit_id),
        (p, type, priority, business_unit_id, assignment_group, channel))
      UNION ALL
      SELECT CASE GROUPING(business_unit_id) WHEN 1 THEN 'day_p' ELSE 'day_u' END,
        p, type, priority, NULL::uuid, business_unit_id, NULL::text, NULL::text, %3$s
      FROM by_day
      GROUP BY GROUPING SETS ((p, type, priority), (p, type, priority, business_unit_id))
    )
    INSERT INTO ticket_rollup AS t (grain, period_start, type, priority, service_id, business_unit_id,
      assignment_group, channel, opened, open_now, caused_by_change, acknowledged, ack_seconds, left_backlog,
      resolved, resolve_seconds, resolve_service_seconds, reopened, first_contact, sla_total, sla_met,
      changes_closed, changes_successful, fulfilled, fulfil_seconds,
      resolve_durations, resolve_service_durations, fulfil_durations)
    SELECT grain, period_start, type, priority, service_id, business_unit_id, assignment_group, channel,
      opened, open_now, caused_by_change, acknowledged, ack_seconds, left_backlog, resolved, resolve_seconds,
      resolve_service_seconds, reopened, first_contact, sla_total, sla_met, changes_closed, changes_successful,
      fulfilled, fulfil_seconds,
      duration_entries_kept(grain, resolve_durations), duration_entries_kept(grain, resolve_service_durations),
      duration_entries_kept(grain, fulfil_durations)
    FROM grouped
    ON CONFLICT (grain, period_start, type, priority, service_id, business_unit_id, assignment_group, channel)
    DO UPDATE SET
      opened = t.opened + excluded.opened,
      open_now = t.open_now + excluded.open_now,
      caused_by_change = t.caused_by_change + excluded.caused_by_change,
      acknowledged = t.acknowledged + excluded.acknowledged,
      ack_seconds = t.ack_seconds + excluded.ack_seconds,
      left_backlog = t.left_backlog + excluded.left_backlog,
      resolved = t.resolved + excluded.resolved,
      resolve_seconds = t.resolve_seconds + excluded.resolve_seconds,
      resolve_service_seconds = t.resolve_service_seconds + excluded.resolve_service_seconds,
      reopened = t.reopened + excluded.reopened,
      first_contact = t.first_contact + excluded.first_contact,
      sla_total = t.sla_total + excluded.sla_total,
      sla_met = t.sla_met + excluded.sla_met,
      changes_closed = t.changes_closed + excluded.changes_closed,
      changes_successful = t.changes_successful + excluded.changes_successful,
      fulfilled = t.fulfilled + excluded.fulfilled,
      fulfil_seconds = t.fulfil_seconds + excluded.fulfil_seconds,
      resolve_durations = duration_entries_add(t.resolve_durations, excluded.resolve_durations),
      resolve_service_durations = duration_entries_add(t.resolve_service_durations, excluded.resolve_service_durations),
      fulfil_durations = duration_entries_add(t.fulfil_durations, excluded.fulfil_durations)
  $sql$, ticket_period_rows_sql('_m'), ticket_period_rows_sql('_d'), ticket_period_sums_sql())]
$fn$;


-- The rows a service's tickets give at the grain of every dimension ('month_all', which is no
-- longer kept): months × type × priority × unit × group × channel of that one service, computed
-- from its tickets (through ticket_service_idx) by the rollups' own rules, with the columns of
-- ticket_rollup. For the questions that cross a service with a group, a channel, or a unit and a
-- priority; `units`, when given, narrows the tickets further (a stakeholder's reach).
CREATE FUNCTION ticket_rollup_rows_of_service(service uuid, units uuid[]) RETURNS TABLE (
  grain text, period_start date, type text, priority smallint, service_id uuid, business_unit_id uuid,
  assignment_group text, channel text,
  opened int8,
  open_now int8,
  caused_by_change int8,
  acknowledged int8,
  ack_seconds int8,
  left_backlog int8,
  resolved int8,
  resolve_seconds int8,
  resolve_service_seconds int8,
  reopened int8,
  first_contact int8,
  sla_total int8,
  sla_met int8,
  changes_closed int8,
  changes_successful int8,
  fulfilled int8,
  fulfil_seconds int8,
  resolve_durations int8[], resolve_service_durations int8[], fulfil_durations int8[]
)
LANGUAGE plpgsql STABLE AS $fn$
BEGIN
  RETURN QUERY EXECUTE
    format(ticket_contributions_sql(),
      '(SELECT 1 AS sign, t.* FROM ticket t WHERE t.service_id = $1 AND ($2 IS NULL OR t.business_unit_id = ANY($2)))')
    || format($sql$,
      by_month AS (%1$s),
      grouped AS (
        SELECT p, type, priority, service_id, business_unit_id, assignment_group, channel, %2$s
        FROM by_month
        GROUP BY p, type, priority, service_id, business_unit_id, assignment_group, channel
      )
      SELECT 'month_all'::text, p, type, priority::smallint, service_id, business_unit_id, assignment_group, channel,
        opened::int8, open_now::int8, caused_by_change::int8, acknowledged::int8, ack_seconds::int8, left_backlog::int8, resolved::int8, resolve_seconds::int8, resolve_service_seconds::int8, reopened::int8, first_contact::int8, sla_total::int8, sla_met::int8, changes_closed::int8, changes_successful::int8, fulfilled::int8, fulfil_seconds::int8,
        COALESCE(resolve_durations, '{}'), COALESCE(resolve_service_durations, '{}'), COALESCE(fulfil_durations, '{}')
      FROM grouped
    $sql$, ticket_period_rows_sql('_m'), ticket_period_sums_sql())
    USING service, units;
END;
$fn$;
