-- The open tickets of a service (or of a slice by group or channel), for the backlog's ages: those
-- slices are kept per month in the rollups, too coarse for ages in days. The open set is the
-- backlog, small whatever the ticket count, and this index reads only it.
CREATE INDEX ticket_open_service_idx ON ticket (service_id, opened_at)
  WHERE state NOT IN ('resolved', 'closed', 'cancelled');
