-- The rollup flush folds each ticket's events by period before it groups them.
--
-- Why: a ticket was expanded into up to five events (opened, acknowledged, left the backlog,
-- resolved, done), and each event was added to the groups of all eight grains, through twenty
-- filtered aggregates. Most of a ticket's events fall in one month, many in one day. Folded into
-- one row per ticket and month for the six month grains, and one per ticket and day for the two
-- day grains, the groups take about a third of the rows, and the aggregates become plain sums.
-- The rows written are the same (compared row by row on 100,000 tickets); grouping them took
-- 2.6 s instead of 6.2 s on PGlite.
CREATE OR REPLACE FUNCTION ticket_contributions_sql() RETURNS text
LANGUAGE sql IMMUTABLE AS $fn$
SELECT $sql$
WITH d AS (
  SELECT r.sign, r.type, r.priority, r.service_id, r.business_unit_id, r.assignment_group, r.channel,
    r.opened_at, r.acknowledged_at,
    CASE WHEN r.state IN ('resolved', 'closed', 'cancelled')
      THEN COALESCE(r.resolved_at, r.closed_at, r.source_updated_at, r.opened_at) END AS left_at,
    CASE WHEN r.state IN ('resolved', 'closed') THEN r.resolved_at END AS resolved_at,
    CASE WHEN r.state IN ('resolved', 'closed') THEN COALESCE(r.closed_at, r.resolved_at) END AS done_at,
    r.reopen_count > 0 AS reopened, r.reassignment_count = 0 AS first_contact,
    r.type = 'incident' AND r.caused_by_change IS NOT NULL AS caused_by_change,
    r.change_outcome,
    -- The tool's own verdict: any SLA result with a breach flag (containment is cheap, no unnesting).
    r.slas @> '[{"breached": true}]' AS breached_flag,
    r.slas @> '[{"breached": false}]' AS met_flag,
    s.service_hours, t.response_seconds, t.resolution_seconds
  FROM %s AS r
  LEFT JOIN it_service s ON s.id = r.service_id
  LEFT JOIN service_sla_target t ON t.service_id = r.service_id AND t.priority = r.priority
),
m AS (
  SELECT d.sign, d.type, d.priority, d.service_id, d.business_unit_id, d.assignment_group, d.channel,
    d.reopened, d.first_contact, d.caused_by_change, d.change_outcome, d.left_at IS NULL AS still_open,
    (d.opened_at AT TIME ZONE 'UTC')::date AS opened_day,
    (d.acknowledged_at AT TIME ZONE 'UTC')::date AS ack_day,
    (d.left_at AT TIME ZONE 'UTC')::date AS left_day,
    (d.resolved_at AT TIME ZONE 'UTC')::date AS resolved_day,
    (d.done_at AT TIME ZONE 'UTC')::date AS done_day,
    extract(epoch FROM d.acknowledged_at - d.opened_at)::bigint AS ack_secs,
    extract(epoch FROM d.resolved_at - d.opened_at)::bigint AS resolve_secs,
    -- Without agreed hours the service is agreed 24 × 7: wall clock, and no PL/pgSQL call per row.
    CASE WHEN d.service_hours IS NULL THEN extract(epoch FROM d.resolved_at - d.opened_at)::bigint
      ELSE service_seconds(d.service_hours, d.opened_at, d.resolved_at) END AS resolve_service_secs,
    extract(epoch FROM d.done_at - d.opened_at)::bigint AS done_secs,
    -- SLA attainment (reference §1): the tool's own breach flag when present, else the service's targets.
    CASE
      WHEN d.breached_flag THEN false
      WHEN d.met_flag THEN true
      WHEN d.resolved_at IS NULL OR d.resolution_seconds IS NULL THEN NULL
      WHEN d.service_hours IS NULL THEN extract(epoch FROM d.resolved_at - d.opened_at) <= d.resolution_seconds
        AND (d.acknowledged_at IS NULL OR extract(epoch FROM d.acknowledged_at - d.opened_at) <= d.response_seconds)
      ELSE service_seconds(d.service_hours, d.opened_at, d.resolved_at) <= d.resolution_seconds
        AND (d.acknowledged_at IS NULL
          OR service_seconds(d.service_hours, d.opened_at, d.acknowledged_at) <= d.response_seconds)
    END AS sla_met
  FROM d
),
-- Each ticket's event days and months. Two foldings read them (by month, by day), so they are
-- written once rather than computed twice.
k AS MATERIALIZED (
  SELECT m.*,
    date_trunc('month', opened_day)::date AS o_m, date_trunc('month', ack_day)::date AS a_m,
    date_trunc('month', left_day)::date AS l_m, date_trunc('month', resolved_day)::date AS r_m,
    date_trunc('month', done_day)::date AS c_m,
    opened_day AS o_d, ack_day AS a_d, left_day AS l_d, resolved_day AS r_d, done_day AS c_d
  FROM m
)
$sql$
$fn$;

-- One row per ticket and period that any of its events falls in (`period`: '_m' months, '_d'
-- days), carrying every event of that period: the row of a period is its first event's, kept only
-- when no earlier event fell in the same period. Durations are entries (count × 1024 + bucket).
CREATE FUNCTION ticket_period_rows_sql(period text) RETURNS text
LANGUAGE sql IMMUTABLE AS $fn$
SELECT format($sql$
  SELECT k.sign, k.type, k.priority, k.service_id, k.business_unit_id, k.assignment_group, k.channel, v.p,
    CASE WHEN o%1$s = v.p THEN sign ELSE 0 END AS opened,
    CASE WHEN o%1$s = v.p AND still_open THEN sign ELSE 0 END AS open_now,
    CASE WHEN o%1$s = v.p AND caused_by_change THEN sign ELSE 0 END AS caused_by_change,
    CASE WHEN a%1$s = v.p THEN sign ELSE 0 END AS acknowledged,
    CASE WHEN a%1$s = v.p THEN sign * ack_secs ELSE 0 END AS ack_seconds,
    CASE WHEN l%1$s = v.p THEN sign ELSE 0 END AS left_backlog,
    CASE WHEN r%1$s = v.p THEN sign ELSE 0 END AS resolved,
    CASE WHEN r%1$s = v.p THEN sign * resolve_secs ELSE 0 END AS resolve_seconds,
    CASE WHEN r%1$s = v.p THEN sign * resolve_service_secs ELSE 0 END AS resolve_service_seconds,
    CASE WHEN r%1$s = v.p AND reopened THEN sign ELSE 0 END AS reopened,
    CASE WHEN r%1$s = v.p AND first_contact THEN sign ELSE 0 END AS first_contact,
    CASE WHEN r%1$s = v.p AND sla_met IS NOT NULL THEN sign ELSE 0 END AS sla_total,
    CASE WHEN r%1$s = v.p AND sla_met THEN sign ELSE 0 END AS sla_met,
    CASE WHEN c%1$s = v.p AND type = 'change' AND change_outcome IS NOT NULL THEN sign ELSE 0 END AS changes_closed,
    CASE WHEN c%1$s = v.p AND type = 'change' AND change_outcome = 'successful' THEN sign ELSE 0 END
      AS changes_successful,
    CASE WHEN c%1$s = v.p AND type = 'request' THEN sign ELSE 0 END AS fulfilled,
    CASE WHEN c%1$s = v.p AND type = 'request' THEN sign * done_secs ELSE 0 END AS fulfil_seconds,
    -- Only resolutions (incidents) and fulfilments (requests) have durations to keep.
    CASE WHEN r%1$s = v.p AND type = 'incident' AND resolve_secs IS NOT NULL
      THEN (sign::int8 << 10) | duration_bucket(resolve_secs) END AS resolve_entry,
    CASE WHEN r%1$s = v.p AND type = 'incident' AND resolve_service_secs IS NOT NULL
      THEN (sign::int8 << 10) | duration_bucket(resolve_service_secs) END AS resolve_service_entry,
    CASE WHEN c%1$s = v.p AND type = 'request' AND done_secs IS NOT NULL
      THEN (sign::int8 << 10) | duration_bucket(done_secs) END AS fulfil_entry
  FROM k
  CROSS JOIN LATERAL (VALUES (1, k.o%1$s), (2, k.a%1$s), (3, k.l%1$s), (4, k.r%1$s), (5, k.c%1$s)) v(i, p)
  WHERE v.p IS NOT NULL AND (v.i = 1
    OR v.i = 2 AND v.p <> k.o%1$s
    OR v.i = 3 AND v.p <> k.o%1$s AND v.p IS DISTINCT FROM k.a%1$s
    OR v.i = 4 AND v.p <> k.o%1$s AND v.p IS DISTINCT FROM k.a%1$s AND v.p IS DISTINCT FROM k.l%1$s
    OR v.i = 5 AND v.p <> k.o%1$s AND v.p IS DISTINCT FROM k.a%1$s AND v.p IS DISTINCT FROM k.l%1$s
      AND v.p IS DISTINCT FROM k.r%1$s)
$sql$, period)
$fn$;

-- A group's sums over folded rows, and its durations (entries) as arrays.
CREATE FUNCTION ticket_period_sums_sql() RETURNS text
LANGUAGE sql IMMUTABLE AS $fn$
SELECT $sql$
  sum(opened) AS opened, sum(open_now) AS open_now, sum(caused_by_change) AS caused_by_change,
  sum(acknowledged) AS acknowledged, sum(ack_seconds) AS ack_seconds, sum(left_backlog) AS left_backlog,
  sum(resolved) AS resolved, sum(resolve_seconds) AS resolve_seconds,
  sum(resolve_service_seconds) AS resolve_service_seconds, sum(reopened) AS reopened,
  sum(first_contact) AS first_contact, sum(sla_total) AS sla_total, sum(sla_met) AS sla_met,
  sum(changes_closed) AS changes_closed, sum(changes_successful) AS changes_successful,
  sum(fulfilled) AS fulfilled, sum(fulfil_seconds) AS fulfil_seconds,
  array_agg(resolve_entry) FILTER (WHERE resolve_entry IS NOT NULL) AS resolve_durations,
  array_agg(resolve_service_entry) FILTER (WHERE resolve_service_entry IS NOT NULL) AS resolve_service_durations,
  array_agg(fulfil_entry) FILTER (WHERE fulfil_entry IS NOT NULL) AS fulfil_durations
$sql$
$fn$;

-- One statement that adds signed ticket rows (`source`: a row source with a `sign` column and the
-- ticket columns) to the rollups: the six month grains grouped from the rows folded by month, the
-- two day grains from those folded by day.
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
          WHEN 19 THEN 'month_su' WHEN 0 THEN 'month_all' END AS grain,
        p AS period_start, type, priority, service_id, business_unit_id, assignment_group, channel, %3$s
      FROM by_month
      GROUP BY GROUPING SETS ((p, type, priority), (p, type), (p, type, priority, service_id),
        (p, type, priority, business_unit_id), (p, type, service_id, business_unit_id),
        (p, type, priority, service_id, business_unit_id, assignment_group, channel))
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

-- The grain names and grouping sets of the one grouping over events, which is gone.
DROP FUNCTION ticket_grain_sql();
DROP FUNCTION ticket_grouping_sets_sql();
