-- Accounts, sessions, API tokens, sign-in throttling and the audit log.

CREATE TABLE app_user (
  id uuid PRIMARY KEY,
  email text NOT NULL,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'it', 'relationship_manager', 'business_stakeholder', 'viewer')),
  -- scrypt$N$r$p$salt$hash (base64url); null for accounts that sign in only through OpenID Connect.
  password_hash text,
  oidc_subject text,
  disabled_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  last_sign_in_at timestamptz
);
CREATE UNIQUE INDEX app_user_email_key ON app_user (lower(email));
CREATE UNIQUE INDEX app_user_oidc_subject_key ON app_user (oidc_subject) WHERE oidc_subject IS NOT NULL;

-- The business units whose data a business stakeholder or relationship manager holds.
CREATE TABLE user_business_unit (
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  business_unit_id uuid NOT NULL REFERENCES business_unit (id) DEFERRABLE INITIALLY IMMEDIATE,
  PRIMARY KEY (user_id, business_unit_id)
);
CREATE INDEX user_business_unit_unit_idx ON user_business_unit (business_unit_id);

-- Server-side sessions; the cookie carries a random id whose SHA-256 is stored here.
CREATE TABLE user_session (
  id_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX user_session_user_idx ON user_session (user_id);

CREATE TABLE api_token (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  name text NOT NULL,
  -- The first characters of the token, shown so a user can tell tokens apart.
  prefix text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  scope text NOT NULL CHECK (scope IN ('read', 'read-write')),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_token_user_idx ON api_token (user_id);

-- Failed sign-ins per e-mail address, for lock-out with back-off.
CREATE TABLE sign_in_failure (
  email text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  last_failed_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz
);

-- Who changed what and when. Never updated or deleted by Tandem.
CREATE TABLE audit_event (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid,
  actor_label text NOT NULL,
  action text NOT NULL,
  entity_type text,
  entity_id text,
  before jsonb,
  after jsonb,
  detail text
);
CREATE INDEX audit_event_at_idx ON audit_event (at);
CREATE INDEX audit_event_entity_idx ON audit_event (entity_type, entity_id);
