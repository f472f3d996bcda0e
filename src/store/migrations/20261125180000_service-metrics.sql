-- Service performance rollups (issue 6): dashboards read these, never the raw tickets.
--
-- A statement-level trigger on `ticket` keeps them exact in the same transaction as the write that
-- changed the tickets, whichever path wrote them (import, sync, re-match): it subtracts what the old
-- rows contributed and adds what the new rows contribute. `tandem metrics rebuild` recomputes them
-- from the raw tickets (after a service's hours or SLA targets change, for instance).

-- Seconds of [start_at, end_at) that fall within a service's agreed hours (weekly windows in a time
-- zone, minus holidays); wall-clock seconds when the service has no hours (24 × 7). The same rule
-- as src/domain/metrics/service-time.ts, which tests compare it against.
CREATE FUNCTION service_seconds(hours jsonb, start_at timestamptz, end_at timestamptz) RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
DECLARE
  tz text;
  day date;
  last_day date;
  day_name text;
  w jsonb;
  window_start timestamptz;
  window_end timestamptz;
  total double precision := 0;
BEGIN
  IF start_at IS NULL OR end_at IS NULL THEN
    RETURN NULL;
  END IF;
  IF end_at <= start_at THEN
    RETURN 0;
  END IF;
  IF hours IS NULL THEN
    RETURN floor(extract(epoch FROM end_at - start_at))::bigint;
  END IF;
  tz := hours ->> 'timeZone';
  day := (start_at AT TIME ZONE tz)::date;
  last_day := (end_at AT TIME ZONE tz)::date;
  WHILE day <= last_day LOOP
    IF NOT (COALESCE(hours -> 'holidays', '[]'::jsonb) ? to_char(day, 'YYYY-MM-DD')) THEN
      day_name := (ARRAY['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])[extract(isodow FROM day)::int];
      FOR w IN SELECT value FROM jsonb_array_elements(hours -> 'windows') LOOP
        IF w ->> 'day' = day_name THEN
          window_start := (day + (w ->> 'start')::time) AT TIME ZONE tz;
          window_end := CASE WHEN w ->> 'end' = '24:00' THEN (day + 1)::timestamp AT TIME ZONE tz
                             ELSE (day + (w ->> 'end')::time) AT TIME ZONE tz END;
          total := total + GREATEST(0, extract(epoch FROM LEAST(window_end, end_at) - GREATEST(window_start, start_at)));
        END IF;
      END LOOP;
    END IF;
    day := day + 1;
  END LOOP;
  RETURN floor(total)::bigint;
END;
$$;

-- Fixed-bucket duration histogram: bucket 0 holds durations under one second, bucket b ≥ 1 holds
-- [1.04^(b-1), 1.04^b) seconds. Reporting a bucket's geometric middle 1.04^(b-0.5) is off by at most
-- √1.04 − 1 = 1.98 % of the true value (src/domain/metrics/duration-histogram.ts).
CREATE FUNCTION duration_bucket(seconds bigint) RETURNS smallint
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN seconds IS NULL THEN NULL WHEN seconds < 1 THEN 0
              ELSE (1 + floor(ln(seconds::double precision) / ln(1.04)))::smallint END
$$;

-- Grains (every one by type): day and month by priority (the whole organisation) and by unit ×
-- priority; by month only: service × priority, service × unit, and every dimension. A grain per day
-- and service would cost about one row per ticket at 500 services. Dimensions outside a grain are NULL; NULLS NOT DISTINCT makes a NULL
-- dimension inside a grain (a ticket without priority) one key, not many.
CREATE TABLE ticket_rollup (
  grain text NOT NULL,
  period_start date NOT NULL,
  type text NOT NULL,
  priority smallint,
  service_id uuid,
  business_unit_id uuid,
  assignment_group text,
  channel text,
  -- By the day the ticket was opened:
  opened integer NOT NULL DEFAULT 0,
  open_now integer NOT NULL DEFAULT 0,
  caused_by_change integer NOT NULL DEFAULT 0,
  -- By the day it was first acknowledged:
  acknowledged integer NOT NULL DEFAULT 0,
  ack_seconds bigint NOT NULL DEFAULT 0,
  -- By the day it left the backlog (resolved, closed or cancelled):
  left_backlog integer NOT NULL DEFAULT 0,
  -- By the day it was resolved:
  resolved integer NOT NULL DEFAULT 0,
  resolve_seconds bigint NOT NULL DEFAULT 0,
  resolve_service_seconds bigint NOT NULL DEFAULT 0,
  reopened integer NOT NULL DEFAULT 0,
  first_contact integer NOT NULL DEFAULT 0,
  sla_total integer NOT NULL DEFAULT 0,
  sla_met integer NOT NULL DEFAULT 0,
  -- By the day it was done (closed, else resolved):
  changes_closed integer NOT NULL DEFAULT 0,
  changes_successful integer NOT NULL DEFAULT 0,
  fulfilled integer NOT NULL DEFAULT 0,
  fulfil_seconds bigint NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX ticket_rollup_key ON ticket_rollup
  (grain, period_start, type, priority, service_id, business_unit_id, assignment_group, channel) NULLS NOT DISTINCT;
CREATE INDEX ticket_rollup_service_idx ON ticket_rollup (grain, service_id, period_start);
CREATE INDEX ticket_rollup_unit_idx ON ticket_rollup (grain, business_unit_id, period_start);

CREATE TABLE ticket_duration_histogram (
  grain text NOT NULL,
  period_start date NOT NULL,
  type text NOT NULL,
  priority smallint,
  service_id uuid,
  business_unit_id uuid,
  assignment_group text,
  channel text,
  -- resolve | resolve_service | fulfil
  measure text NOT NULL,
  bucket smallint NOT NULL,
  tickets integer NOT NULL
);
CREATE UNIQUE INDEX ticket_duration_histogram_key ON ticket_duration_histogram
  (grain, period_start, measure, type, priority, service_id, business_unit_id, assignment_group, channel, bucket)
  NULLS NOT DISTINCT;
CREATE INDEX ticket_duration_histogram_service_idx ON ticket_duration_histogram (grain, service_id, period_start);
CREATE INDEX ticket_duration_histogram_unit_idx ON ticket_duration_histogram (grain, business_unit_id, period_start);

-- Outages of a service: major incidents (kept here by the trigger) and imported availability records.
CREATE TABLE service_outage (
  id uuid PRIMARY KEY,
  service_id uuid NOT NULL,
  started_at timestamptz NOT NULL,
  -- NULL while it lasts.
  ended_at timestamptz,
  partial boolean NOT NULL DEFAULT false,
  source text NOT NULL CHECK (source IN ('major_incident', 'imported')),
  ticket_id uuid,
  number text,
  title text NOT NULL DEFAULT '',
  priority smallint,
  business_unit_id uuid,
  CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX service_outage_service_idx ON service_outage (service_id, started_at);
CREATE INDEX service_outage_period_idx ON service_outage (started_at, ended_at);
CREATE UNIQUE INDEX service_outage_ticket_key ON service_outage (ticket_id);

-- What each changed row contributes, signed (+1 new, −1 old). `%s` is the signed row source.
CREATE FUNCTION ticket_contributions_sql() RETURNS text
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
e AS MATERIALIZED (
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

CREATE FUNCTION ticket_grain_sql() RETURNS text
LANGUAGE sql IMMUTABLE AS $fn$
SELECT $sql$
-- GROUPING sets a bit (day = 64 … channel = 1) for each column NOT in the grouping set.
CASE GROUPING(day, month, priority, service_id, business_unit_id, assignment_group, channel)
  WHEN 47 THEN 'day_p' WHEN 79 THEN 'month_p'
  WHEN 71 THEN 'month_s'
  WHEN 43 THEN 'day_u' WHEN 75 THEN 'month_u'
  WHEN 83 THEN 'month_su'
  WHEN 64 THEN 'month_all' END
$sql$
$fn$;

-- Durations are kept per month (and per day for the whole organisation only): a histogram row per
-- bucket at every day × unit would cost about one row per ticket.
CREATE FUNCTION ticket_histogram_sets_sql() RETURNS text
LANGUAGE sql IMMUTABLE AS $fn$
SELECT $sql$
GROUPING SETS (
  (day, type, priority), (month, type, priority),
  (month, type, priority, service_id),
  (month, type, priority, business_unit_id),
  (month, type, service_id, business_unit_id),
  (month, type, priority, service_id, business_unit_id, assignment_group, channel)
)
$sql$
$fn$;

CREATE FUNCTION ticket_grouping_sets_sql() RETURNS text
LANGUAGE sql IMMUTABLE AS $fn$
SELECT $sql$
GROUPING SETS (
  (day, type, priority), (month, type, priority),
  (month, type, priority, service_id),
  (day, type, priority, business_unit_id), (month, type, priority, business_unit_id),
  (month, type, service_id, business_unit_id),
  (month, type, priority, service_id, business_unit_id, assignment_group, channel)
)
$sql$
$fn$;

-- The statement (one, so that the contributions are worked out once) that adds signed ticket rows (`source`: a row source with a `sign` column and the
-- ticket columns) to the rollups and to the histogram.
CREATE FUNCTION ticket_rollup_statements(source text) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $fn$
  SELECT ARRAY[
  format(ticket_contributions_sql(), source) || format($sql$,
    rolled AS (
    INSERT INTO ticket_rollup AS t (grain, period_start, type, priority, service_id, business_unit_id,
      assignment_group, channel, opened, open_now, caused_by_change, acknowledged, ack_seconds, left_backlog,
      resolved, resolve_seconds, resolve_service_seconds, reopened, first_contact, sla_total, sla_met,
      changes_closed, changes_successful, fulfilled, fulfil_seconds)
    SELECT %s, COALESCE(day, month), type, priority, service_id, business_unit_id, assignment_group, channel,
      COALESCE(sum(sign) FILTER (WHERE kind = 'o'), 0),
      COALESCE(sum(sign) FILTER (WHERE kind = 'o' AND still_open), 0),
      COALESCE(sum(sign) FILTER (WHERE kind = 'o' AND caused_by_change), 0),
      COALESCE(sum(sign) FILTER (WHERE kind = 'a'), 0),
      COALESCE(sum(sign * ack_secs) FILTER (WHERE kind = 'a'), 0),
      COALESCE(sum(sign) FILTER (WHERE kind = 'l'), 0),
      COALESCE(sum(sign) FILTER (WHERE kind = 'r'), 0),
      COALESCE(sum(sign * resolve_secs) FILTER (WHERE kind = 'r'), 0),
      COALESCE(sum(sign * resolve_service_secs) FILTER (WHERE kind = 'r'), 0),
      COALESCE(sum(sign) FILTER (WHERE kind = 'r' AND reopened), 0),
      COALESCE(sum(sign) FILTER (WHERE kind = 'r' AND first_contact), 0),
      COALESCE(sum(sign) FILTER (WHERE kind = 'r' AND sla_met IS NOT NULL), 0),
      COALESCE(sum(sign) FILTER (WHERE kind = 'r' AND sla_met), 0),
      COALESCE(sum(sign) FILTER (WHERE kind = 'c' AND type = 'change' AND change_outcome IS NOT NULL), 0),
      COALESCE(sum(sign) FILTER (WHERE kind = 'c' AND type = 'change' AND change_outcome = 'successful'), 0),
      COALESCE(sum(sign) FILTER (WHERE kind = 'c' AND type = 'request'), 0),
      COALESCE(sum(sign * done_secs) FILTER (WHERE kind = 'c' AND type = 'request'), 0)
    FROM e
    GROUP BY %s
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
      fulfil_seconds = t.fulfil_seconds + excluded.fulfil_seconds
    RETURNING 1
    )
    INSERT INTO ticket_duration_histogram AS t (grain, period_start, type, priority, service_id,
      business_unit_id, assignment_group, channel, measure, bucket, tickets)
    SELECT %s, COALESCE(day, month), type, priority, service_id, business_unit_id, assignment_group, channel,
      measure, bucket, sum(sign)
    FROM (
      SELECT e.*, x.measure, duration_bucket(x.secs) AS bucket
      FROM e
      -- Only resolutions (incidents) and fulfilments (requests) have durations to keep.
      CROSS JOIN LATERAL (VALUES
        ('resolve', CASE WHEN e.kind = 'r' AND e.type = 'incident' THEN e.resolve_secs END),
        ('resolve_service', CASE WHEN e.kind = 'r' AND e.type = 'incident' THEN e.resolve_service_secs END),
        ('fulfil', CASE WHEN e.kind = 'c' AND e.type = 'request' THEN e.done_secs END)) x(measure, secs)
      WHERE x.secs IS NOT NULL
    ) g
    GROUP BY measure, bucket, %s
    ON CONFLICT (grain, period_start, measure, type, priority, service_id, business_unit_id, assignment_group,
      channel, bucket)
    DO UPDATE SET tickets = t.tickets + excluded.tickets
  $sql$, ticket_grain_sql(), ticket_grouping_sets_sql(), ticket_grain_sql(), ticket_histogram_sets_sql())]
$fn$;

-- The changed rows of a transaction, signed (+1 for what is there now, −1 for what was there
-- before), until the transaction commits. Writing them is cheap; aggregating them is not, so it is
-- done once per transaction instead of once per statement.
CREATE TABLE ticket_rollup_pending (
  sign smallint NOT NULL,
  type text NOT NULL,
  priority smallint,
  service_id uuid,
  business_unit_id uuid,
  assignment_group text,
  channel text,
  state text NOT NULL,
  opened_at timestamptz NOT NULL,
  acknowledged_at timestamptz,
  resolved_at timestamptz,
  closed_at timestamptz,
  source_updated_at timestamptz,
  reopen_count integer NOT NULL,
  reassignment_count integer NOT NULL,
  caused_by_change text,
  change_outcome text,
  slas jsonb NOT NULL
);
-- One row while a transaction has pending changes; its deferred trigger applies them at commit.
CREATE TABLE ticket_rollup_flush (id integer PRIMARY KEY);

CREATE FUNCTION ticket_rollups_after_write() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  -- Outages are few: kept at once. The old rows' outages go, the new rows' major incidents come.
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM service_outage o USING old_rows x WHERE o.ticket_id = x.id;
    INSERT INTO ticket_rollup_pending
    SELECT -1, type, priority, service_id, business_unit_id, assignment_group, channel, state, opened_at,
      acknowledged_at, resolved_at, closed_at, source_updated_at, reopen_count, reassignment_count,
      caused_by_change, change_outcome, slas
    FROM old_rows;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO service_outage (id, service_id, started_at, ended_at, source, ticket_id, number, title, priority,
      business_unit_id)
    SELECT n.id, n.service_id, n.opened_at,
      CASE WHEN n.state IN ('resolved', 'closed', 'cancelled') THEN COALESCE(n.resolved_at, n.closed_at) END,
      'major_incident', n.id, n.number, left(n.title, 300), n.priority, n.business_unit_id
    FROM new_rows n
    WHERE n.major_incident AND n.service_id IS NOT NULL AND n.type = 'incident';
    INSERT INTO ticket_rollup_pending
    SELECT 1, type, priority, service_id, business_unit_id, assignment_group, channel, state, opened_at,
      acknowledged_at, resolved_at, closed_at, source_updated_at, reopen_count, reassignment_count,
      caused_by_change, change_outcome, slas
    FROM new_rows;
  END IF;
  INSERT INTO ticket_rollup_flush VALUES (1) ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$fn$;

-- Runs at commit (deferred), once per transaction that changed tickets: the rollups are exact for
-- every committed state, and a rolled-back transaction leaves them untouched.
CREATE FUNCTION apply_pending_ticket_rollups() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  statement text;
BEGIN
  -- The aggregation of a large batch spills to disk at the default 4 MB (slow on PGlite's emulated
  -- file system); this transaction may use more.
  PERFORM set_config('work_mem', '128MB', true);
  FOREACH statement IN ARRAY ticket_rollup_statements('ticket_rollup_pending') LOOP
    EXECUTE statement;
  END LOOP;
  DELETE FROM ticket_rollup_pending;
  DELETE FROM ticket_rollup_flush;
  RETURN NULL;
END;
$fn$;

CREATE CONSTRAINT TRIGGER ticket_rollup_flush_at_commit AFTER INSERT ON ticket_rollup_flush
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION apply_pending_ticket_rollups();

-- Recomputes every rollup and major-incident outage from the raw tickets (`tandem metrics rebuild`).
CREATE FUNCTION rebuild_ticket_rollups() RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
  statement text;
BEGIN
  DELETE FROM ticket_rollup;
  DELETE FROM ticket_duration_histogram;
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


CREATE TRIGGER ticket_rollups_after_insert AFTER INSERT ON ticket
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_rollups_after_write();
CREATE TRIGGER ticket_rollups_after_update AFTER UPDATE ON ticket
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_rollups_after_write();
CREATE TRIGGER ticket_rollups_after_delete AFTER DELETE ON ticket
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ticket_rollups_after_write();
