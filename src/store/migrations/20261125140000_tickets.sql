-- Imported tickets (incidents, requests, changes, problems), the runs that imported them, and the
-- hand-made rules that match a ticket's values to a service or business unit.

CREATE TABLE import_run (
  id uuid PRIMARY KEY,
  source text NOT NULL,
  format text NOT NULL,
  file_name text,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  -- running | succeeded | rejected (bad rows, nothing written) | failed (crashed, nothing written)
  status text NOT NULL CHECK (status IN ('running', 'succeeded', 'rejected', 'failed')),
  read_count integer NOT NULL DEFAULT 0,
  inserted_count integer NOT NULL DEFAULT 0,
  updated_count integer NOT NULL DEFAULT 0,
  unchanged_count integer NOT NULL DEFAULT 0,
  rejected_count integer NOT NULL DEFAULT 0,
  unmatched_count integer NOT NULL DEFAULT 0,
  errors jsonb NOT NULL DEFAULT '[]',
  actor_label text NOT NULL
);
CREATE INDEX import_run_started_idx ON import_run (started_at);

-- Partitioned by month of opened_at so that old months can be detached or archived and scans by
-- period touch only their months. Monthly partitions are created by the import before it writes
-- into a month; the DEFAULT partition only catches rows written some other way. The primary key
-- must contain the partition key, hence (id, opened_at).
CREATE TABLE ticket (
  id uuid NOT NULL,
  source_system text NOT NULL,
  external_id text NOT NULL,
  type text NOT NULL,
  number text NOT NULL,
  title text NOT NULL,
  state text NOT NULL,
  state_raw text NOT NULL,
  priority smallint,
  priority_raw text,
  impact smallint,
  urgency smallint,
  opened_at timestamptz NOT NULL,
  acknowledged_at timestamptz,
  resolved_at timestamptz,
  closed_at timestamptz,
  -- The source's own "updated" instant; updated_at below is when Tandem last wrote the row.
  source_updated_at timestamptz,
  assignment_group text,
  assignee text,
  requester text,
  requester_department text,
  configuration_item text,
  business_service text,
  components jsonb NOT NULL DEFAULT '[]',
  request_type text,
  category text,
  subcategory text,
  channel text,
  reassignment_count integer NOT NULL DEFAULT 0,
  reopen_count integer NOT NULL DEFAULT 0,
  slas jsonb NOT NULL DEFAULT '[]',
  caused_by_change text,
  related_problem text,
  close_code text,
  planned_start_at timestamptz,
  planned_end_at timestamptz,
  change_outcome text,
  risk text,
  major_incident boolean NOT NULL DEFAULT false,
  source_fields jsonb NOT NULL DEFAULT '{}',
  -- Services and units are archived rather than removed; should one be removed, its tickets stay, unmatched.
  service_id uuid REFERENCES it_service (id) ON DELETE SET NULL,
  business_unit_id uuid REFERENCES business_unit (id) ON DELETE SET NULL,
  content_hash text NOT NULL,
  import_run_id uuid REFERENCES import_run (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, opened_at)
) PARTITION BY RANGE (opened_at);
CREATE TABLE ticket_default PARTITION OF ticket DEFAULT;
CREATE INDEX ticket_opened_idx ON ticket (opened_at, id);
CREATE INDEX ticket_service_idx ON ticket (service_id, opened_at);
CREATE INDEX ticket_business_unit_idx ON ticket (business_unit_id, opened_at);

-- The upsert key (source system + external id) lives in its own small table: a unique constraint on
-- the partitioned table would have to include opened_at, and then a ticket whose opened_at was
-- corrected in the source would be stored twice. Here the key is unique whatever the month, and the
-- import finds a ticket's partition (opened_at) and last content hash without touching the ticket
-- table. There is no foreign key to ticket (id, opened_at): the import rewrites a changed ticket by
-- deleting and re-inserting its row, and PostgreSQL checks a foreign key into a partitioned table
-- on that delete even when deferred. The import writes both tables in the same transaction.
CREATE TABLE ticket_key (
  source_system text NOT NULL,
  external_id text NOT NULL,
  ticket_id uuid NOT NULL UNIQUE,
  opened_at timestamptz NOT NULL,
  content_hash text NOT NULL,
  PRIMARY KEY (source_system, external_id)
);

-- Values mapped to a service or unit by hand (`tandem map-value`), for what aliases and e-mails miss.
CREATE TABLE ticket_match_rule (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('service', 'business_unit')),
  source_field text NOT NULL CHECK (
    source_field IN ('configuration_item', 'business_service', 'component', 'request_type', 'category', 'department')
  ),
  value text NOT NULL,
  target_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL
);
-- One value maps to one target, or matching would be ambiguous.
CREATE UNIQUE INDEX ticket_match_rule_value_key ON ticket_match_rule (kind, source_field, lower(value));
