-- The import adds its new tickets to the rollups itself (TicketRollupRows, in memory); the trigger
-- keeps doing it for every other writer, and for the rows an import removes.
--
-- Why: for 100,000 imported tickets the trigger's way cost about as much again as the import
-- without rollups (10 s → 20 s on PGlite): each written row was copied into ticket_rollup_pending,
-- grouped by one large SQL statement every 25,000 tickets, and the rows of grains touched by every
-- chunk (a service's months) were updated once per chunk. Added up in memory over the whole
-- import, each rollup row is written once.
--
-- A writer that adds its rows itself says so for the one statement that inserts them, with the
-- transaction-local setting tandem.rollups_added_by_writer = 'on'.
CREATE OR REPLACE FUNCTION ticket_rollups_after_write() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  added_by_writer boolean := TG_OP = 'INSERT'
    AND current_setting('tandem.rollups_added_by_writer', true) IS NOT DISTINCT FROM 'on';
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
    IF NOT added_by_writer THEN
      INSERT INTO ticket_rollup_pending
      SELECT 1, type, priority, service_id, business_unit_id, assignment_group, channel, state, opened_at,
        acknowledged_at, resolved_at, closed_at, source_updated_at, reopen_count, reassignment_count,
        caused_by_change, change_outcome, slas
      FROM new_rows;
    END IF;
  END IF;
  IF NOT added_by_writer THEN
    INSERT INTO ticket_rollup_flush VALUES (1) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END;
$fn$;
