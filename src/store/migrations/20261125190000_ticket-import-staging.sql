-- Faster ticket imports (issue 5).
--
-- 1. The match (service, business unit) is kept beside the content hash in ticket_key, so that a
--    re-import decides "unchanged" from ticket_key alone instead of joining every key to the
--    partitioned ticket table (which probed each monthly partition per key). The re-match after
--    `tandem map-value` updates both tables.
ALTER TABLE ticket_key ADD COLUMN service_id uuid;
ALTER TABLE ticket_key ADD COLUMN business_unit_id uuid;
UPDATE ticket_key k SET service_id = t.service_id, business_unit_id = t.business_unit_id
FROM ticket t WHERE t.id = k.ticket_id AND t.opened_at = k.opened_at;

-- 2. No foreign keys from ticket to the graph or the import log: every imported row paid three
--    index probes for them, and the import only writes ids it has just read from the catalogue
--    (matching) or created itself (the import run). Services and units are archived, never
--    deleted, so ON DELETE SET NULL had nothing to do.
ALTER TABLE ticket DROP CONSTRAINT IF EXISTS ticket_service_id_fkey;
ALTER TABLE ticket DROP CONSTRAINT IF EXISTS ticket_business_unit_id_fkey;
ALTER TABLE ticket DROP CONSTRAINT IF EXISTS ticket_import_run_id_fkey;
