import { type RawBuilder, sql } from "kysely";

/** A period as the API takes it: `from` inclusive, `to` exclusive, both ISO days. */
export interface RawPeriod {
  from: string;
  to: string;
}

/** Aggregates of one period over the derived ticket columns of `rawScorecardSql` (alias `d`). */
const periodFigures = (p: RawPeriod, side: string): RawBuilder<unknown> => {
  const within = (column: string) =>
    sql.raw(`${column} >= '${p.from}'::date AND ${column} < '${p.to}'::date`);
  const opened = within("opened_at");
  const acknowledged = within("acknowledged_at");
  const resolved = within("resolved_at");
  const done = within("done_at");
  const col = (name: string) => sql.raw(`${side}_${name}`);
  return sql`
    count(*) FILTER (WHERE ${opened} AND type = 'incident') AS ${col("incidents")},
    count(*) FILTER (WHERE ${opened} AND type = 'request') AS ${col("requests")},
    count(*) FILTER (WHERE ${opened} AND type = 'change') AS ${col("changes")},
    count(*) FILTER (WHERE ${opened} AND type = 'problem') AS ${col("problems")},
    count(*) FILTER (WHERE ${opened} AND caused_by_change) AS ${col("caused_by_change")},
    avg(ack_secs) FILTER (WHERE ${acknowledged} AND type = 'incident') AS ${col("mtta")},
    count(*) FILTER (WHERE ${resolved} AND type = 'incident') AS ${col("resolved")},
    avg(resolve_secs) FILTER (WHERE ${resolved} AND type = 'incident') AS ${col("mttr")},
    percentile_disc(0.5) WITHIN GROUP (ORDER BY resolve_secs) FILTER (WHERE ${resolved} AND type = 'incident') AS ${col("mttr_median")},
    percentile_disc(0.9) WITHIN GROUP (ORDER BY resolve_secs) FILTER (WHERE ${resolved} AND type = 'incident') AS ${col("mttr_p90")},
    avg(resolve_service_secs) FILTER (WHERE ${resolved} AND type = 'incident') AS ${col("mttr_service")},
    percentile_disc(0.5) WITHIN GROUP (ORDER BY resolve_service_secs) FILTER (WHERE ${resolved} AND type = 'incident') AS ${col("mttr_service_median")},
    percentile_disc(0.9) WITHIN GROUP (ORDER BY resolve_service_secs) FILTER (WHERE ${resolved} AND type = 'incident') AS ${col("mttr_service_p90")},
    count(*) FILTER (WHERE ${resolved} AND type = 'incident' AND reopened) AS ${col("reopened")},
    count(*) FILTER (WHERE ${resolved} AND type = 'incident' AND first_contact) AS ${col("first_contact")},
    count(*) FILTER (WHERE ${resolved} AND sla_met IS NOT NULL) AS ${col("sla_total")},
    count(*) FILTER (WHERE ${resolved} AND sla_met) AS ${col("sla_met")},
    count(*) FILTER (WHERE ${done} AND type = 'change' AND change_outcome IS NOT NULL) AS ${col("changes_closed")},
    count(*) FILTER (WHERE ${done} AND type = 'change' AND change_outcome = 'successful') AS ${col("changes_successful")},
    count(*) FILTER (WHERE ${done} AND type = 'request') AS ${col("fulfilled")},
    avg(done_secs) FILTER (WHERE ${done} AND type = 'request') AS ${col("fulfilment")},
    percentile_disc(0.5) WITHIN GROUP (ORDER BY done_secs) FILTER (WHERE ${done} AND type = 'request') AS ${col("fulfilment_median")},
    percentile_disc(0.9) WITHIN GROUP (ORDER BY done_secs) FILTER (WHERE ${done} AND type = 'request') AS ${col("fulfilment_p90")},
    count(*) FILTER (WHERE opened_at < '${sql.raw(p.to)}'::date AND (left_at IS NULL OR left_at >= '${sql.raw(p.to)}'::date)) AS ${col("backlog")}`;
};

/**
 * The ticket figures of the API's scorecard answer (`GET /api/v1/metrics/scorecard`: the period
 * and the one before it) by one direct aggregation over the raw tickets: volumes by type, MTTA,
 * MTTR mean, median and p90 on the wall clock and within service hours, SLA attainment (the
 * tool's flag, else the service's targets by priority), first-contact resolution, reopen rate,
 * backlog at the end, change success, change-caused incidents and request fulfilment, with the
 * same definitions as the rollups (migration 20261204090000). Availability and outage cost are
 * left out: both sides read them from the outages, not the tickets.
 */
export const rawScorecardSql = (current: RawPeriod, previous: RawPeriod, serviceId: string | null) => sql`
  WITH t AS (
    SELECT r.type, r.opened_at, r.acknowledged_at, r.change_outcome,
      r.type = 'incident' AND r.caused_by_change IS NOT NULL AS caused_by_change,
      r.reopen_count > 0 AS reopened, r.reassignment_count = 0 AS first_contact,
      CASE WHEN r.state IN ('resolved', 'closed', 'cancelled')
        THEN COALESCE(r.resolved_at, r.closed_at, r.source_updated_at, r.opened_at) END AS left_at,
      CASE WHEN r.state IN ('resolved', 'closed') THEN r.resolved_at END AS resolved_at,
      CASE WHEN r.state IN ('resolved', 'closed') THEN COALESCE(r.closed_at, r.resolved_at) END AS done_at,
      r.slas @> '[{"breached": true}]' AS breached_flag, r.slas @> '[{"breached": false}]' AS met_flag,
      s.service_hours, st.response_seconds, st.resolution_seconds
    FROM ticket r
    LEFT JOIN it_service s ON s.id = r.service_id
    LEFT JOIN service_sla_target st ON st.service_id = r.service_id AND st.priority = r.priority
    WHERE r.opened_at < ${current.to}::date ${serviceId ? sql`AND r.service_id = ${serviceId}::uuid` : sql``}
  ), d AS (
    SELECT t.*,
      extract(epoch FROM acknowledged_at - opened_at) AS ack_secs,
      extract(epoch FROM resolved_at - opened_at) AS resolve_secs,
      CASE WHEN service_hours IS NULL THEN extract(epoch FROM resolved_at - opened_at)
        ELSE service_seconds(service_hours, opened_at, resolved_at) END AS resolve_service_secs,
      extract(epoch FROM done_at - opened_at) AS done_secs,
      CASE
        WHEN breached_flag THEN false
        WHEN met_flag THEN true
        WHEN resolved_at IS NULL OR resolution_seconds IS NULL THEN NULL
        WHEN service_hours IS NULL THEN extract(epoch FROM resolved_at - opened_at) <= resolution_seconds
          AND (acknowledged_at IS NULL OR extract(epoch FROM acknowledged_at - opened_at) <= response_seconds)
        ELSE service_seconds(service_hours, opened_at, resolved_at) <= resolution_seconds
          AND (acknowledged_at IS NULL OR service_seconds(service_hours, opened_at, acknowledged_at) <= response_seconds)
      END AS sla_met
    FROM t
  )
  SELECT ${periodFigures(current, "cur")}, ${periodFigures(previous, "prev")} FROM d`;

/** The figures of the earlier benches' raw query: one period, eight of the scorecard's figures. */
export const rawSubsetSql = (from: string, to: string, serviceId: string | null) => sql`
  SELECT
    count(*) FILTER (WHERE opened_at >= ${from}::date AND opened_at < ${to}::date) AS incidents,
    avg(extract(epoch FROM acknowledged_at - opened_at)) FILTER (WHERE acknowledged_at >= ${from}::date AND acknowledged_at < ${to}::date) AS mtta,
    avg(extract(epoch FROM resolved_at - opened_at)) FILTER (WHERE state IN ('resolved', 'closed') AND resolved_at >= ${from}::date AND resolved_at < ${to}::date) AS mttr,
    percentile_disc(0.5) WITHIN GROUP (ORDER BY resolved_at - opened_at) FILTER (WHERE state IN ('resolved', 'closed') AND resolved_at >= ${from}::date AND resolved_at < ${to}::date) AS median,
    percentile_disc(0.9) WITHIN GROUP (ORDER BY resolved_at - opened_at) FILTER (WHERE state IN ('resolved', 'closed') AND resolved_at >= ${from}::date AND resolved_at < ${to}::date) AS p90,
    count(*) FILTER (WHERE state IN ('resolved', 'closed') AND resolved_at >= ${from}::date AND resolved_at < ${to}::date AND reopen_count > 0) AS reopened,
    count(*) FILTER (WHERE state IN ('resolved', 'closed') AND resolved_at >= ${from}::date AND resolved_at < ${to}::date AND slas @> '[{"breached": false}]') AS sla_met,
    count(*) FILTER (WHERE opened_at < ${to}::date AND (resolved_at IS NULL OR resolved_at >= ${to}::date)) AS backlog
  FROM ticket WHERE opened_at < ${to}::date ${serviceId ? sql`AND service_id = ${serviceId}::uuid` : sql``}`;
