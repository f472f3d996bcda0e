-- The rollups and the duration histogram, partitioned by grain. At millions of tickets the
-- fine grains (service, service × unit, every dimension) hold tens of millions of rows, and the
-- few rows of a coarse grain (the whole organisation by month: tens of thousands) were scattered
-- among them, one heap page each: a whole-organisation scorecard read ~20,000 pages. Each grain in
-- its own partition keeps a grain's rows together, and each partition's indexes small.
ALTER TABLE ticket_rollup RENAME TO ticket_rollup_unpartitioned;
ALTER INDEX ticket_rollup_key RENAME TO ticket_rollup_unpartitioned_key;
ALTER INDEX ticket_rollup_service_idx RENAME TO ticket_rollup_unpartitioned_service_idx;
ALTER INDEX ticket_rollup_unit_idx RENAME TO ticket_rollup_unpartitioned_unit_idx;
CREATE TABLE ticket_rollup (LIKE ticket_rollup_unpartitioned INCLUDING DEFAULTS) PARTITION BY LIST (grain);
CREATE TABLE ticket_rollup_day_p PARTITION OF ticket_rollup FOR VALUES IN ('day_p');
CREATE TABLE ticket_rollup_month_p PARTITION OF ticket_rollup FOR VALUES IN ('month_p');
CREATE TABLE ticket_rollup_day_u PARTITION OF ticket_rollup FOR VALUES IN ('day_u');
CREATE TABLE ticket_rollup_month_u PARTITION OF ticket_rollup FOR VALUES IN ('month_u');
CREATE TABLE ticket_rollup_month_s PARTITION OF ticket_rollup FOR VALUES IN ('month_s');
CREATE TABLE ticket_rollup_month_su PARTITION OF ticket_rollup FOR VALUES IN ('month_su');
CREATE TABLE ticket_rollup_month_all PARTITION OF ticket_rollup FOR VALUES IN ('month_all');
CREATE UNIQUE INDEX ticket_rollup_key ON ticket_rollup
  (grain, period_start, type, priority, service_id, business_unit_id, assignment_group, channel) NULLS NOT DISTINCT;
CREATE INDEX ticket_rollup_service_idx ON ticket_rollup (grain, service_id, period_start);
CREATE INDEX ticket_rollup_unit_idx ON ticket_rollup (grain, business_unit_id, period_start);
INSERT INTO ticket_rollup SELECT * FROM ticket_rollup_unpartitioned ORDER BY grain, period_start;
DROP TABLE ticket_rollup_unpartitioned;

ALTER TABLE ticket_duration_histogram RENAME TO ticket_duration_histogram_unpartitioned;
ALTER INDEX ticket_duration_histogram_key RENAME TO ticket_duration_histogram_unpartitioned_key;
ALTER INDEX ticket_duration_histogram_service_idx RENAME TO ticket_duration_histogram_unpartitioned_service_idx;
ALTER INDEX ticket_duration_histogram_unit_idx RENAME TO ticket_duration_histogram_unpartitioned_unit_idx;
CREATE TABLE ticket_duration_histogram (LIKE ticket_duration_histogram_unpartitioned INCLUDING DEFAULTS)
  PARTITION BY LIST (grain);
CREATE TABLE ticket_duration_histogram_day_p PARTITION OF ticket_duration_histogram FOR VALUES IN ('day_p');
CREATE TABLE ticket_duration_histogram_month_p PARTITION OF ticket_duration_histogram FOR VALUES IN ('month_p');
CREATE TABLE ticket_duration_histogram_month_u PARTITION OF ticket_duration_histogram FOR VALUES IN ('month_u');
CREATE TABLE ticket_duration_histogram_month_s PARTITION OF ticket_duration_histogram FOR VALUES IN ('month_s');
CREATE TABLE ticket_duration_histogram_month_su PARTITION OF ticket_duration_histogram FOR VALUES IN ('month_su');
CREATE TABLE ticket_duration_histogram_month_all PARTITION OF ticket_duration_histogram FOR VALUES IN ('month_all');
CREATE UNIQUE INDEX ticket_duration_histogram_key ON ticket_duration_histogram
  (grain, period_start, measure, type, priority, service_id, business_unit_id, assignment_group, channel, bucket)
  NULLS NOT DISTINCT;
CREATE INDEX ticket_duration_histogram_service_idx ON ticket_duration_histogram (grain, service_id, period_start);
CREATE INDEX ticket_duration_histogram_unit_idx ON ticket_duration_histogram (grain, business_unit_id, period_start);
INSERT INTO ticket_duration_histogram SELECT * FROM ticket_duration_histogram_unpartitioned
  ORDER BY grain, period_start;
DROP TABLE ticket_duration_histogram_unpartitioned;
