-- The duration histogram moves into the rollup rows: each rollup row carries its own histograms as
-- arrays, and the table ticket_duration_histogram (one row per key × measure × bucket) goes.
--
-- Why: the histogram held about five rows for every rollup row (7.3 per imported ticket against 1.4
-- rollup rows), and upserting them was three quarters of the rollup flush at the end of an import
-- (16 of 21.6 s for 100,000 tickets on PGlite). As arrays aggregated in the same pass as the sums,
-- into rows that are written anyway, they cost an array_agg per group and some bytes per row, not a
-- row and three index entries per bucket.
--
-- An entry packs one bucket and its signed count into a bigint: count × 1024 + bucket. Buckets stay
-- under 1024 (1.04^1023 seconds is far past any timestamp's range), so `entry & 1023` is the bucket
-- and `entry >> 10` the count, also for negative counts (two's complement, arithmetic shift). Signed
-- counts let a changed ticket subtract its old duration as the old histogram rows did.
ALTER TABLE ticket_rollup
  ADD COLUMN resolve_durations int8[] NOT NULL DEFAULT '{}',
  ADD COLUMN resolve_service_durations int8[] NOT NULL DEFAULT '{}',
  ADD COLUMN fulfil_durations int8[] NOT NULL DEFAULT '{}';
-- The whole organisation by month without priority, the grain the histogram alone had: its rows
-- now carry the rollup sums too.
CREATE TABLE ticket_rollup_month_o PARTITION OF ticket_rollup FOR VALUES IN ('month_o');

-- Entries merged: one per bucket, in bucket order, without buckets whose counts cancel out.
CREATE FUNCTION duration_entries_compact(entries int8[]) RETURNS int8[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT COALESCE(array_agg((n << 10) | b ORDER BY b), '{}')
  FROM (SELECT e & 1023 AS b, sum(e >> 10)::int8 AS n FROM unnest(entries) e GROUP BY 1) s
  WHERE n <> 0
$$;

-- Two histograms added: readers sum entries by bucket, so appending is enough; past 64 entries (a
-- row updated again and again by a sync) the result is merged, which bounds a row's histogram by
-- the buckets in use.
CREATE FUNCTION duration_entries_add(a int8[], b int8[]) RETURNS int8[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN cardinality(b) = 0 THEN a
    WHEN cardinality(a) = 0 THEN b
    WHEN cardinality(a) + cardinality(b) <= 64 THEN a || b
    ELSE duration_entries_compact(a || b) END
$$;

-- Rollup grouping sets, now with the organisation's month without priority ('month_o').
CREATE OR REPLACE FUNCTION ticket_grouping_sets_sql() RETURNS text
LANGUAGE sql IMMUTABLE AS $fn$
SELECT $sql$
GROUPING SETS (
  (day, type, priority), (month, type, priority), (month, type),
  (month, type, priority, service_id),
  (day, type, priority, business_unit_id), (month, type, priority, business_unit_id),
  (month, type, service_id, business_unit_id),
  (month, type, priority, service_id, business_unit_id, assignment_group, channel)
)
$sql$
$fn$;

-- What each changed row contributes, signed (+1 new, −1 old). `%s` is the signed row source. As
-- before, but for one word: the events are read by one aggregation now, not two, so they stream
-- into it instead of being written out first (MATERIALIZED; about a sixth of the flush).
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
e AS (
  SELECT m.sign, m.type, m.priority, m.service_id, m.business_unit_id, m.assignment_group, m.channel,
    m.reopened, m.first_contact, m.caused_by_change, m.change_outcome, m.still_open, m.sla_met,
    m.ack_secs, m.resolve_secs, m.resolve_service_secs, m.done_secs, ev.kind, ev.day,
    date_trunc('month', ev.day)::date AS month
  FROM m
  CROSS JOIN LATERAL (VALUES ('o', m.opened_day), ('a', m.ack_day), ('l', m.left_day),
    ('r', m.resolved_day), ('c', m.done_day)) ev(kind, day)
  WHERE ev.day IS NOT NULL
)
$sql$
$fn$;

-- A group's durations as kept: none for the units' days (units' percentiles are read over whole
-- months, as before), merged when long. Short lists stay as aggregated, one entry per ticket
-- (±1 × 1024 + bucket): merging every group would cost a function call per rollup row, and most
-- rows of the finer grains hold a ticket or two.
CREATE FUNCTION duration_entries_kept(grain text, entries int8[]) RETURNS int8[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN entries IS NULL OR grain = 'day_u' THEN '{}'::int8[]
    WHEN cardinality(entries) > 64 THEN duration_entries_compact(entries)
    ELSE entries END
$$;

-- One statement that adds signed ticket rows (`source`: a row source with a `sign` column and the
-- ticket columns) to the rollups, with each group's durations aggregated in the same pass.
CREATE OR REPLACE FUNCTION ticket_rollup_statements(source text) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $fn$
  SELECT ARRAY[
  format(ticket_contributions_sql(), source) || format($sql$,
    grouped AS (
      SELECT %s AS grain, COALESCE(day, month) AS period_start, type, priority, service_id, business_unit_id,
        assignment_group, channel,
        COALESCE(sum(sign) FILTER (WHERE kind = 'o'), 0) AS opened,
        COALESCE(sum(sign) FILTER (WHERE kind = 'o' AND still_open), 0) AS open_now,
        COALESCE(sum(sign) FILTER (WHERE kind = 'o' AND caused_by_change), 0) AS caused_by_change,
        COALESCE(sum(sign) FILTER (WHERE kind = 'a'), 0) AS acknowledged,
        COALESCE(sum(sign * ack_secs) FILTER (WHERE kind = 'a'), 0) AS ack_seconds,
        COALESCE(sum(sign) FILTER (WHERE kind = 'l'), 0) AS left_backlog,
        COALESCE(sum(sign) FILTER (WHERE kind = 'r'), 0) AS resolved,
        COALESCE(sum(sign * resolve_secs) FILTER (WHERE kind = 'r'), 0) AS resolve_seconds,
        COALESCE(sum(sign * resolve_service_secs) FILTER (WHERE kind = 'r'), 0) AS resolve_service_seconds,
        COALESCE(sum(sign) FILTER (WHERE kind = 'r' AND reopened), 0) AS reopened,
        COALESCE(sum(sign) FILTER (WHERE kind = 'r' AND first_contact), 0) AS first_contact,
        COALESCE(sum(sign) FILTER (WHERE kind = 'r' AND sla_met IS NOT NULL), 0) AS sla_total,
        COALESCE(sum(sign) FILTER (WHERE kind = 'r' AND sla_met), 0) AS sla_met,
        COALESCE(sum(sign) FILTER (WHERE kind = 'c' AND type = 'change' AND change_outcome IS NOT NULL), 0)
          AS changes_closed,
        COALESCE(sum(sign) FILTER (WHERE kind = 'c' AND type = 'change' AND change_outcome = 'successful'), 0)
          AS changes_successful,
        COALESCE(sum(sign) FILTER (WHERE kind = 'c' AND type = 'request'), 0) AS fulfilled,
        COALESCE(sum(sign * done_secs) FILTER (WHERE kind = 'c' AND type = 'request'), 0) AS fulfil_seconds,
        -- Only resolutions (incidents) and fulfilments (requests) have durations to keep.
        array_agg((sign::int8 << 10) | duration_bucket(resolve_secs))
          FILTER (WHERE kind = 'r' AND type = 'incident' AND resolve_secs IS NOT NULL) AS resolve_durations,
        array_agg((sign::int8 << 10) | duration_bucket(resolve_service_secs))
          FILTER (WHERE kind = 'r' AND type = 'incident' AND resolve_service_secs IS NOT NULL)
          AS resolve_service_durations,
        array_agg((sign::int8 << 10) | duration_bucket(done_secs))
          FILTER (WHERE kind = 'c' AND type = 'request' AND done_secs IS NOT NULL) AS fulfil_durations
      FROM e
      GROUP BY %s
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
  $sql$, ticket_grain_sql(), ticket_grouping_sets_sql())]
$fn$;

CREATE OR REPLACE FUNCTION rebuild_ticket_rollups() RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
  statement text;
BEGIN
  DELETE FROM ticket_rollup;
  DELETE FROM service_outage WHERE source = 'major_incident';
  INSERT INTO service_outage (id, service_id, started_at, ended_at, source, ticket_id, number, title, priority,
    business_unit_id)
  SELECT n.id, n.service_id, n.opened_at,
    CASE WHEN n.state IN ('resolved', 'closed', 'cancelled') THEN COALESCE(n.resolved_at, n.closed_at) END,
    'major_incident', n.id, n.number, left(n.title, 300), n.priority, n.business_unit_id
  FROM ticket n
  WHERE n.major_incident AND n.service_id IS NOT NULL AND n.type = 'incident';
  PERFORM set_config('work_mem', '256MB', true);
  FOREACH statement IN ARRAY ticket_rollup_statements('(SELECT 1 AS sign, t.* FROM ticket t)') LOOP
    EXECUTE statement;
  END LOOP;
END;
$fn$;

-- Existing rollups: the organisation's months (without priority) are their priorities' months
-- summed; then each key's histogram rows become its arrays, and the old table goes.
INSERT INTO ticket_rollup (grain, period_start, type, opened, open_now, caused_by_change, acknowledged,
  ack_seconds, left_backlog, resolved, resolve_seconds, resolve_service_seconds, reopened, first_contact,
  sla_total, sla_met, changes_closed, changes_successful, fulfilled, fulfil_seconds)
SELECT 'month_o', period_start, type, sum(opened), sum(open_now), sum(caused_by_change), sum(acknowledged),
  sum(ack_seconds), sum(left_backlog), sum(resolved), sum(resolve_seconds), sum(resolve_service_seconds),
  sum(reopened), sum(first_contact), sum(sla_total), sum(sla_met), sum(changes_closed), sum(changes_successful),
  sum(fulfilled), sum(fulfil_seconds)
FROM ticket_rollup WHERE grain = 'month_p'
GROUP BY period_start, type;

INSERT INTO ticket_rollup AS t (grain, period_start, type, priority, service_id, business_unit_id,
  assignment_group, channel, resolve_durations, resolve_service_durations, fulfil_durations)
SELECT grain, period_start, type, priority, service_id, business_unit_id, assignment_group, channel,
  COALESCE(array_agg((tickets::int8 << 10) | bucket ORDER BY bucket) FILTER (WHERE measure = 'resolve'), '{}'),
  COALESCE(array_agg((tickets::int8 << 10) | bucket ORDER BY bucket) FILTER (WHERE measure = 'resolve_service'), '{}'),
  COALESCE(array_agg((tickets::int8 << 10) | bucket ORDER BY bucket) FILTER (WHERE measure = 'fulfil'), '{}')
FROM ticket_duration_histogram
WHERE tickets <> 0
GROUP BY grain, period_start, type, priority, service_id, business_unit_id, assignment_group, channel
ON CONFLICT (grain, period_start, type, priority, service_id, business_unit_id, assignment_group, channel)
DO UPDATE SET resolve_durations = excluded.resolve_durations,
  resolve_service_durations = excluded.resolve_service_durations, fulfil_durations = excluded.fulfil_durations;

DROP TABLE ticket_duration_histogram;
DROP FUNCTION ticket_histogram_sets_sql();
