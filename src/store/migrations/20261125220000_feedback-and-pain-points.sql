-- Voice of the business, part two: happiness feedback on resolved tickets (answered through a
-- single-use link or imported from another tool) and the register of pain points the business posts.

-- A link's token is shown once and stored only as its SHA-256. No foreign key to ticket: the
-- import rewrites a changed ticket by deleting and re-inserting it (see ticket_key).
CREATE TABLE feedback_link (
  id uuid PRIMARY KEY,
  ticket_id uuid NOT NULL UNIQUE,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_by text NOT NULL
);

-- One answer per ticket, however it arrived. lost_minutes is null when the question was skipped.
CREATE TABLE ticket_feedback (
  id uuid PRIMARY KEY,
  ticket_id uuid NOT NULL UNIQUE,
  score smallint NOT NULL CHECK (score BETWEEN 0 AND 10),
  lost_minutes integer CHECK (lost_minutes BETWEEN 0 AND 100000),
  comment text NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
  -- The respondent's own name when they chose to sign; comments are shown without names otherwise.
  signed_by text CHECK (length(signed_by) <= 200),
  source text NOT NULL CHECK (source IN ('link', 'import')),
  answered_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ticket_feedback_answered_idx ON ticket_feedback (answered_at, ticket_id);

CREATE TABLE pain_point (
  id uuid PRIMARY KEY,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
  service_id uuid REFERENCES it_service (id) ON DELETE SET NULL,
  business_unit_id uuid NOT NULL REFERENCES business_unit (id),
  frequency text NOT NULL CHECK (frequency IN ('daily', 'weekly', 'monthly', 'occasionally')),
  hours_lost_per_week numeric(7, 2) NOT NULL CHECK (hours_lost_per_week >= 0),
  status text NOT NULL CHECK (status IN ('new', 'acknowledged', 'planned', 'in_progress', 'done', 'declined')),
  -- IT's estimate, set at triage; small effort with many votes makes a quick win.
  effort text CHECK (effort IN ('small', 'medium', 'large')),
  -- Why IT declined it (required then) or a note on the latest triage; shown to the business.
  status_reason text CHECK (length(status_reason) <= 2000),
  posted_by text NOT NULL,
  posted_by_user_id uuid,
  created_at timestamptz NOT NULL,
  acknowledged_at timestamptz,
  closed_at timestamptz,
  updated_at timestamptz NOT NULL,
  CHECK (status <> 'declined' OR status_reason IS NOT NULL)
);
CREATE INDEX pain_point_unit_idx ON pain_point (business_unit_id, created_at);
CREATE INDEX pain_point_status_idx ON pain_point (status, created_at);
CREATE INDEX pain_point_acknowledged_idx ON pain_point (acknowledged_at) WHERE acknowledged_at IS NOT NULL;

-- One vote per user and pain point.
CREATE TABLE pain_point_vote (
  pain_point_id uuid NOT NULL REFERENCES pain_point (id) ON DELETE CASCADE,
  user_id uuid NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (pain_point_id, user_id)
);

CREATE TABLE pain_point_comment (
  id uuid PRIMARY KEY,
  pain_point_id uuid NOT NULL REFERENCES pain_point (id) ON DELETE CASCADE,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  author text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX pain_point_comment_point_idx ON pain_point_comment (pain_point_id, created_at);
