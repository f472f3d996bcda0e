-- KPIs attached to a goal, a service or a business unit (exactly one), their targets, business
-- measurements entered by hand or imported, the value snapshot per KPI and period (what was known
-- at the time), the alignment inputs per period, and external benchmark sets.

CREATE TABLE kpi (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  layer text NOT NULL CHECK (layer IN ('strategic', 'operational', 'experience')),
  goal_id uuid REFERENCES business_goal (id) DEFERRABLE INITIALLY IMMEDIATE,
  service_id uuid REFERENCES it_service (id) DEFERRABLE INITIALLY IMMEDIATE,
  business_unit_id uuid REFERENCES business_unit (id) DEFERRABLE INITIALLY IMMEDIATE,
  -- The formula source, a discriminated union checked by the domain schema (src/domain/schemas/kpi.ts).
  source jsonb NOT NULL,
  unit text NOT NULL,
  direction text NOT NULL CHECK (direction IN ('higher', 'lower')),
  frequency text NOT NULL CHECK (frequency IN ('weekly', 'monthly', 'quarterly', 'yearly')),
  owner_person_id uuid REFERENCES person (id) DEFERRABLE INITIALLY IMMEDIATE,
  definition text NOT NULL DEFAULT '',
  weight double precision NOT NULL DEFAULT 1 CHECK (weight >= 0),
  green_from double precision NOT NULL DEFAULT 90,
  amber_from double precision NOT NULL DEFAULT 75,
  template_key text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  archived_at timestamptz,
  CHECK (num_nonnulls(goal_id, service_id, business_unit_id) = 1),
  CHECK (amber_from <= green_from)
);
CREATE UNIQUE INDEX kpi_name_key ON kpi (lower(name));
CREATE INDEX kpi_goal_idx ON kpi (goal_id);
CREATE INDEX kpi_service_idx ON kpi (service_id);
CREATE INDEX kpi_business_unit_idx ON kpi (business_unit_id);

CREATE TABLE kpi_target (
  id uuid PRIMARY KEY,
  kpi_id uuid NOT NULL REFERENCES kpi (id) ON DELETE CASCADE,
  period_start date NOT NULL,
  period_end date NOT NULL,
  baseline double precision NOT NULL,
  target double precision NOT NULL,
  -- Intermediate steps [{ "on": "2026-06-30", "value": 2.5 }], in date order.
  steps jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (target <> baseline),
  CHECK (period_start <= period_end)
);
CREATE UNIQUE INDEX kpi_target_period_key ON kpi_target (kpi_id, period_start);

CREATE TABLE kpi_measurement (
  kpi_id uuid NOT NULL REFERENCES kpi (id) ON DELETE CASCADE,
  measured_on date NOT NULL,
  value double precision NOT NULL,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  origin text NOT NULL CHECK (origin IN ('manual', 'import')),
  PRIMARY KEY (kpi_id, measured_on)
);

-- What was known when the period was first computed; a later recompute that differs is kept beside it.
CREATE TABLE kpi_snapshot (
  kpi_id uuid NOT NULL REFERENCES kpi (id) ON DELETE CASCADE,
  period text NOT NULL,
  value double precision,
  target double precision,
  achievement double precision,
  status text NOT NULL,
  as_of date,
  computed_at timestamptz NOT NULL,
  recomputed_value double precision,
  recomputed_achievement double precision,
  recomputed_status text,
  recomputed_at timestamptz,
  PRIMARY KEY (kpi_id, period)
);
CREATE INDEX kpi_snapshot_period_idx ON kpi_snapshot (period);

-- Effort and money on top-priority goals per period, computed with the KPIs (tickets are not scanned
-- when the score is asked for).
CREATE TABLE alignment_period (
  period text PRIMARY KEY,
  effort_pct double precision,
  money_pct double precision,
  computed_at timestamptz NOT NULL
);

CREATE TABLE benchmark_set (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX benchmark_set_name_key ON benchmark_set (lower(name));

CREATE TABLE benchmark_value (
  set_id uuid NOT NULL REFERENCES benchmark_set (id) ON DELETE CASCADE,
  name text NOT NULL,
  source text NOT NULL,
  value double precision NOT NULL,
  unit text NOT NULL,
  year integer NOT NULL,
  template_key text,
  PRIMARY KEY (set_id, name)
);
