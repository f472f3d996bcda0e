-- The alignment graph: business units, people, IT teams, goals, capabilities, IT services,
-- initiatives and the links between them. Foreign keys are deferrable so that a whole
-- workspace can be imported in one transaction in any order.

CREATE TABLE business_unit (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  code text,
  parent_id uuid REFERENCES business_unit (id) DEFERRABLE INITIALLY IMMEDIATE,
  head_person_id uuid,
  headcount integer NOT NULL DEFAULT 0 CHECK (headcount >= 0),
  description text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  archived_at timestamptz
);
CREATE UNIQUE INDEX business_unit_name_key ON business_unit (lower(name));
CREATE INDEX business_unit_parent_idx ON business_unit (parent_id);

CREATE TABLE person (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  email text NOT NULL,
  business_unit_id uuid REFERENCES business_unit (id) DEFERRABLE INITIALLY IMMEDIATE,
  roles text[] NOT NULL DEFAULT '{}',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  archived_at timestamptz
);
CREATE UNIQUE INDEX person_email_key ON person (lower(email));
CREATE INDEX person_business_unit_idx ON person (business_unit_id);

ALTER TABLE business_unit
  ADD CONSTRAINT business_unit_head_fk FOREIGN KEY (head_person_id) REFERENCES person (id) DEFERRABLE INITIALLY IMMEDIATE;

CREATE TABLE it_team (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  lead_person_id uuid REFERENCES person (id) DEFERRABLE INITIALLY IMMEDIATE,
  assignment_groups text[] NOT NULL DEFAULT '{}',
  description text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  archived_at timestamptz
);
CREATE UNIQUE INDEX it_team_name_key ON it_team (lower(name));

CREATE TABLE business_goal (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  level text NOT NULL CHECK (level IN ('strategic', 'goal', 'objective')),
  parent_id uuid REFERENCES business_goal (id) DEFERRABLE INITIALLY IMMEDIATE,
  owner_business_unit_id uuid REFERENCES business_unit (id) DEFERRABLE INITIALLY IMMEDIATE,
  priority_weight double precision NOT NULL DEFAULT 1 CHECK (priority_weight >= 0),
  period_start date,
  period_end date,
  status text NOT NULL DEFAULT 'active',
  description text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  archived_at timestamptz,
  CHECK (period_start IS NULL OR period_end IS NULL OR period_start <= period_end)
);
CREATE UNIQUE INDEX business_goal_name_key ON business_goal (lower(name));
CREATE INDEX business_goal_parent_idx ON business_goal (parent_id);

CREATE TABLE capability (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  parent_id uuid REFERENCES capability (id) DEFERRABLE INITIALLY IMMEDIATE,
  owner_business_unit_id uuid REFERENCES business_unit (id) DEFERRABLE INITIALLY IMMEDIATE,
  downtime_cost_per_hour_cents bigint NOT NULL DEFAULT 0 CHECK (downtime_cost_per_hour_cents >= 0),
  users integer NOT NULL DEFAULT 0 CHECK (users >= 0),
  criticality text NOT NULL DEFAULT 'medium',
  description text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  archived_at timestamptz
);
CREATE UNIQUE INDEX capability_name_key ON capability (lower(name));
CREATE INDEX capability_parent_idx ON capability (parent_id);

CREATE TABLE it_service (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  service_owner_id uuid REFERENCES person (id) DEFERRABLE INITIALLY IMMEDIATE,
  business_owner_id uuid REFERENCES person (id) DEFERRABLE INITIALLY IMMEDIATE,
  it_team_id uuid REFERENCES it_team (id) DEFERRABLE INITIALLY IMMEDIATE,
  criticality_tier smallint NOT NULL DEFAULT 3 CHECK (criticality_tier BETWEEN 1 AND 4),
  lifecycle_status text NOT NULL DEFAULT 'live',
  service_hours jsonb,
  availability_target double precision CHECK (availability_target BETWEEN 0 AND 100),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  archived_at timestamptz
);
CREATE UNIQUE INDEX it_service_name_key ON it_service (lower(name));

CREATE TABLE service_sla_target (
  service_id uuid NOT NULL REFERENCES it_service (id) ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE,
  priority smallint NOT NULL CHECK (priority BETWEEN 1 AND 5),
  response_seconds integer NOT NULL CHECK (response_seconds > 0),
  resolution_seconds integer NOT NULL CHECK (resolution_seconds >= response_seconds),
  PRIMARY KEY (service_id, priority)
);

CREATE TABLE service_alias (
  service_id uuid NOT NULL REFERENCES it_service (id) ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE,
  kind text NOT NULL,
  value text NOT NULL,
  PRIMARY KEY (service_id, kind, value)
);
-- One alias names one service, or ticket matching would be ambiguous.
CREATE UNIQUE INDEX service_alias_value_key ON service_alias (kind, lower(value));

CREATE TABLE initiative (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  sponsor_business_unit_id uuid REFERENCES business_unit (id) DEFERRABLE INITIALLY IMMEDIATE,
  status text NOT NULL DEFAULT 'proposed',
  budget_cents bigint NOT NULL DEFAULT 0 CHECK (budget_cents >= 0),
  start_date date,
  end_date date,
  description text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  archived_at timestamptz,
  CHECK (start_date IS NULL OR end_date IS NULL OR start_date <= end_date)
);
CREATE UNIQUE INDEX initiative_name_key ON initiative (lower(name));

CREATE TABLE service_capability (
  service_id uuid NOT NULL REFERENCES it_service (id) DEFERRABLE INITIALLY IMMEDIATE,
  capability_id uuid NOT NULL REFERENCES capability (id) DEFERRABLE INITIALLY IMMEDIATE,
  strength double precision NOT NULL CHECK (strength BETWEEN 0 AND 1),
  PRIMARY KEY (service_id, capability_id)
);
CREATE INDEX service_capability_capability_idx ON service_capability (capability_id);

CREATE TABLE capability_goal (
  capability_id uuid NOT NULL REFERENCES capability (id) DEFERRABLE INITIALLY IMMEDIATE,
  goal_id uuid NOT NULL REFERENCES business_goal (id) DEFERRABLE INITIALLY IMMEDIATE,
  weight double precision NOT NULL CHECK (weight BETWEEN 0 AND 100),
  PRIMARY KEY (capability_id, goal_id)
);
CREATE INDEX capability_goal_goal_idx ON capability_goal (goal_id);

CREATE TABLE unit_service (
  business_unit_id uuid NOT NULL REFERENCES business_unit (id) DEFERRABLE INITIALLY IMMEDIATE,
  service_id uuid NOT NULL REFERENCES it_service (id) DEFERRABLE INITIALLY IMMEDIATE,
  share double precision NOT NULL CHECK (share BETWEEN 0 AND 100),
  PRIMARY KEY (business_unit_id, service_id)
);
CREATE INDEX unit_service_service_idx ON unit_service (service_id);

CREATE TABLE initiative_goal (
  initiative_id uuid NOT NULL REFERENCES initiative (id) DEFERRABLE INITIALLY IMMEDIATE,
  goal_id uuid NOT NULL REFERENCES business_goal (id) DEFERRABLE INITIALLY IMMEDIATE,
  weight double precision NOT NULL CHECK (weight BETWEEN 0 AND 100),
  PRIMARY KEY (initiative_id, goal_id)
);
CREATE INDEX initiative_goal_goal_idx ON initiative_goal (goal_id);

CREATE TABLE service_dependency (
  service_id uuid NOT NULL REFERENCES it_service (id) DEFERRABLE INITIALLY IMMEDIATE,
  depends_on_service_id uuid NOT NULL REFERENCES it_service (id) DEFERRABLE INITIALLY IMMEDIATE,
  PRIMARY KEY (service_id, depends_on_service_id),
  CHECK (service_id <> depends_on_service_id)
);
CREATE INDEX service_dependency_depends_on_idx ON service_dependency (depends_on_service_id);
