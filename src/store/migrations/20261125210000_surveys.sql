-- Voice of the business: surveys, campaigns with single-use token links, anonymous responses,
-- and a tally of scale answers kept in the same transaction as the answers it counts.

CREATE TABLE survey (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  -- The built-in value-perception survey is created by the store itself and cannot be edited.
  built_in boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  archived_at timestamptz
);
CREATE UNIQUE INDEX survey_name_key ON survey (lower(name));

CREATE TABLE survey_question (
  id uuid PRIMARY KEY,
  survey_id uuid NOT NULL REFERENCES survey (id) ON DELETE CASCADE,
  position integer NOT NULL,
  type text NOT NULL CHECK (type IN ('csat', 'nps', 'enps', 'likert', 'single_choice', 'free_text')),
  -- What the business is asked, and the same statement as IT staff are asked it ("the business would say...").
  text text NOT NULL,
  mirror_text text,
  choices jsonb NOT NULL DEFAULT '[]',
  required boolean NOT NULL DEFAULT true,
  UNIQUE (survey_id, position)
);

CREATE TABLE campaign (
  id uuid PRIMARY KEY,
  survey_id uuid NOT NULL REFERENCES survey (id),
  name text NOT NULL,
  -- The service the campaign asks about, if any: answers then count for that service.
  service_id uuid REFERENCES it_service (id) ON DELETE SET NULL,
  starts_at timestamptz NOT NULL,
  deadline timestamptz NOT NULL CHECK (deadline > starts_at),
  -- Days before the deadline on which the not-yet-answered are reminded.
  reminder_days integer[] NOT NULL DEFAULT '{}',
  closed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL
);
CREATE INDEX campaign_deadline_idx ON campaign (deadline, id);

-- One per invitee. Only the SHA-256 of the token is stored; the link is shown or mailed once.
-- An invitation is never linked to the response it produced, so answers stay anonymous.
CREATE TABLE campaign_invitation (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  email text,
  person_id uuid REFERENCES person (id) ON DELETE SET NULL,
  audience text NOT NULL CHECK (audience IN ('business', 'it')),
  -- For the business: the respondent's unit; for IT: the unit they speak about (null: the whole business).
  business_unit_id uuid REFERENCES business_unit (id) ON DELETE SET NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  sent_at timestamptz,
  reminded_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX campaign_invitation_campaign_idx ON campaign_invitation (campaign_id);

CREATE TABLE survey_response (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
  audience text NOT NULL CHECK (audience IN ('business', 'it')),
  business_unit_id uuid REFERENCES business_unit (id) ON DELETE SET NULL,
  service_id uuid REFERENCES it_service (id) ON DELETE SET NULL,
  -- Set only when the respondent chose to sign their free text.
  signed_name text,
  submitted_at timestamptz NOT NULL
);
CREATE INDEX survey_response_campaign_idx ON survey_response (campaign_id);

CREATE TABLE survey_answer (
  response_id uuid NOT NULL REFERENCES survey_response (id) ON DELETE CASCADE,
  question_id uuid NOT NULL REFERENCES survey_question (id),
  value smallint,
  choice text,
  text text,
  PRIMARY KEY (response_id, question_id)
);

-- Counts of scale answers, so that the perception gap and the CSAT/NPS figures never scan raw
-- answers. Each answer counts three times: for the whole organisation (scope 'all'), for its
-- business unit (scope 'unit') and for the campaign's service (scope 'service'), so that the
-- whole-organisation view reads a few hundred rows whatever the number of responses. One row
-- holds a question's whole distribution for a month: c0 .. c10 count the answers 0 .. 10 (Likert
-- and CSAT use c1 .. c5). A missing unit or service is kept as the nil UUID so that the key can be
-- a primary key.
CREATE TABLE survey_tally (
  scope text NOT NULL CHECK (scope IN ('all', 'unit', 'service')),
  scope_id uuid NOT NULL,
  month date NOT NULL,
  question_id uuid NOT NULL REFERENCES survey_question (id),
  question_type text NOT NULL,
  audience text NOT NULL,
  c0 integer NOT NULL DEFAULT 0,
  c1 integer NOT NULL DEFAULT 0,
  c2 integer NOT NULL DEFAULT 0,
  c3 integer NOT NULL DEFAULT 0,
  c4 integer NOT NULL DEFAULT 0,
  c5 integer NOT NULL DEFAULT 0,
  c6 integer NOT NULL DEFAULT 0,
  c7 integer NOT NULL DEFAULT 0,
  c8 integer NOT NULL DEFAULT 0,
  c9 integer NOT NULL DEFAULT 0,
  c10 integer NOT NULL DEFAULT 0,
  PRIMARY KEY (scope, scope_id, month, question_id, audience)
);
CREATE INDEX survey_tally_type_idx ON survey_tally (question_type, scope, month);
