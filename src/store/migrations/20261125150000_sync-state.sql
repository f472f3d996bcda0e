-- Where each live ticket sync (ServiceNow table, Jira site) has got to. The watermark is the
-- highest "updated" instant of the records already committed: the next run reads from it again.
CREATE TABLE sync_state (
  -- e.g. servicenow:https://acme.service-now.com:incident
  source text PRIMARY KEY,
  -- ISO-8601 UTC instant; null until a first page is committed
  watermark text,
  last_run_at timestamptz,
  last_status text CHECK (last_status IN ('running', 'succeeded', 'rejected', 'failed')),
  -- Redacted: never holds credentials
  last_error text
);
