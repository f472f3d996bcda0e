-- Cost transparency: a cost model per month, the general ledger, and the allocation of each month
-- (flows between nodes, what stayed unallocated), kept so bills and explanations read stored money
-- rather than re-running the engine. Nodes are `pool:<key>`, `tower:<key>`, `service:<id>`, `unit:<id>`.

-- The model (pools, towers, ledger mapping, rules, quantities, budgets) is one document per month:
-- it is read and written whole, and copying it to the next month is copying one row.
CREATE TABLE cost_model (
  period text PRIMARY KEY CHECK (period ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  model jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ledger_line (
  period text NOT NULL CHECK (period ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  line_no integer NOT NULL,
  account text NOT NULL,
  cost_centre text NOT NULL,
  vendor text NOT NULL DEFAULT '',
  -- In the workspace currency; the amount as booked is kept beside it when it was converted.
  amount_cents bigint NOT NULL,
  currency text NOT NULL,
  booked_amount_cents bigint NOT NULL,
  pool text NOT NULL,
  source text NOT NULL,
  PRIMARY KEY (period, line_no)
);
CREATE INDEX ledger_line_pool_idx ON ledger_line (period, pool);

CREATE TABLE cost_allocation (
  period text PRIMARY KEY CHECK (period ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  ledger_lines integer NOT NULL,
  ledger_total_cents bigint NOT NULL,
  allocated_to_units_cents bigint NOT NULL,
  unallocated_cents bigint NOT NULL,
  warnings jsonb NOT NULL DEFAULT '[]',
  allocated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (allocated_to_units_cents + unallocated_cents = ledger_total_cents)
);

CREATE TABLE cost_flow (
  period text NOT NULL REFERENCES cost_allocation (period) ON DELETE CASCADE,
  from_node text NOT NULL,
  to_node text NOT NULL,
  cents bigint NOT NULL,
  rule_id text NOT NULL,
  basis text NOT NULL,
  driver_value double precision,
  driver_total double precision,
  -- Set when the flow reaches a business unit: bills and scoping read by it.
  unit_id uuid,
  PRIMARY KEY (period, from_node, to_node)
);
CREATE INDEX cost_flow_unit_idx ON cost_flow (unit_id, period) WHERE unit_id IS NOT NULL;

CREATE TABLE cost_node_total (
  period text NOT NULL REFERENCES cost_allocation (period) ON DELETE CASCADE,
  node text NOT NULL,
  cents bigint NOT NULL,
  PRIMARY KEY (period, node)
);

CREATE TABLE cost_unallocated (
  period text NOT NULL REFERENCES cost_allocation (period) ON DELETE CASCADE,
  node text NOT NULL,
  cents bigint NOT NULL,
  reason text NOT NULL,
  PRIMARY KEY (period, node)
);
