import type { KpiFormula, KpiSourceKind, KpiUnit } from "../schemas/kpi.js";
import type { Period } from "./period.js";

/** What a source says about one KPI for one period. `value` null means no data, never 0. */
export interface KpiSourceReading {
  value: number | null;
  /** Date of the newest data behind the value (for "stale"); null when the source cannot tell. */
  asOf: string | null;
  /** Why there is no value, in words, when there is none. */
  note?: string;
}

export interface KpiFormulaProblem {
  /** Field of the KPI at fault, e.g. `source.metric` or `unit`. */
  path: string;
  message: string;
}

/** The KPI as a source sees it: its id, name and formula. */
export interface SourcedKpi<F extends KpiFormula = KpiFormula> {
  id: string;
  name: string;
  unit: KpiUnit;
  formula: F;
}

/**
 * A formula source: Tandem metrics, survey scores, ticket feedback, cost figures, business
 * measurements. Sources read in batches (all KPIs of a kind for one period at once) so that
 * recomputing thousands of KPIs costs a few queries, not thousands.
 */
export interface KpiSource<K extends KpiSourceKind = KpiSourceKind> {
  kind: K;
  /** Problems with a formula (unknown metric, missing service, unit that does not match), none when sound. */
  check(kpi: SourcedKpi<Extract<KpiFormula, { kind: K }>>): Promise<KpiFormulaProblem[]>;
  read(
    kpis: readonly SourcedKpi<Extract<KpiFormula, { kind: K }>>[],
    period: Period,
  ): Promise<Map<string, KpiSourceReading>>;
}

/** The unit a measure is in, and a one-line definition, for a source's catalogue. */
export interface SourceMeasure {
  unit: KpiUnit;
  definition: string;
}
