import { sourceMeasures } from "../../../src/domain/kpis/source-catalogue.js";
import { type Kpi, type KpiSourceKind, kpiInput, kpiPatch } from "../../../src/domain/schemas/kpi.js";

/** What a KPI hangs on: exactly one of a goal, a service or a business unit. */
export type KpiAnchorKind = "goal" | "service" | "unit";

export const anchorFields: Record<KpiAnchorKind, "goalId" | "serviceId" | "businessUnitId"> = {
  goal: "goalId",
  service: "serviceId",
  unit: "businessUnitId",
};

/** The KPI form as the texts in its boxes; the request body is made from them on submit. */
export interface KpiFormValues {
  name: string;
  layer: string;
  anchorKind: KpiAnchorKind;
  anchorId: string;
  sourceKind: KpiSourceKind;
  /** Measurement source: how a period's measurements make its value. */
  aggregation: string;
  /** Metric source: a scorecard field; survey, feedback and cost sources: a measure. */
  measure: string;
  sourceServiceId: string;
  sourceBusinessUnitId: string;
  surveyId: string;
  unit: string;
  direction: string;
  frequency: string;
  ownerPersonId: string;
  definition: string;
  weight: string;
  greenFrom: string;
  amberFrom: string;
  /** The library KPI this one is an instance of; benchmark figures of that template apply to it. */
  templateKey: string;
}

/** A new KPI's form, anchored where it was opened from (e.g. a goal's page). */
export const newKpiForm = (anchor?: { kind: KpiAnchorKind; id: string }): KpiFormValues => ({
  name: "",
  layer: "operational",
  anchorKind: anchor?.kind ?? "goal",
  anchorId: anchor?.id ?? "",
  sourceKind: "measurement",
  aggregation: "sum",
  measure: "",
  sourceServiceId: "",
  sourceBusinessUnitId: "",
  surveyId: "",
  unit: "number",
  direction: "higher",
  frequency: "monthly",
  ownerPersonId: "",
  definition: "",
  weight: "1",
  greenFrom: "90",
  amberFrom: "75",
  templateKey: "",
});

/** A stored KPI's form, for editing. */
export const kpiFormOf = (k: Kpi): KpiFormValues => {
  const anchorKind: KpiAnchorKind = k.goalId ? "goal" : k.serviceId ? "service" : "unit";
  const s = k.source;
  return {
    name: k.name,
    layer: k.layer,
    anchorKind,
    anchorId: k.goalId ?? k.serviceId ?? k.businessUnitId ?? "",
    sourceKind: s.kind,
    aggregation: s.kind === "measurement" ? s.aggregation : "sum",
    measure: s.kind === "metric" ? s.metric : s.kind === "measurement" ? "" : s.measure,
    sourceServiceId: "serviceId" in s ? (s.serviceId ?? "") : "",
    sourceBusinessUnitId: "businessUnitId" in s ? (s.businessUnitId ?? "") : "",
    surveyId: s.kind === "survey" ? (s.surveyId ?? "") : "",
    unit: k.unit,
    direction: k.direction,
    frequency: k.frequency,
    ownerPersonId: k.ownerPersonId ?? "",
    definition: k.definition,
    weight: String(k.weight),
    greenFrom: String(k.greenFrom),
    amberFrom: String(k.amberFrom),
    templateKey: k.templateKey ?? "",
  };
};

/** The measures a source kind offers (none for business measurements, which are typed in or imported). */
export const measuresOf = (kind: KpiSourceKind) =>
  kind === "measurement"
    ? []
    : Object.entries(sourceMeasures[kind]).map(([key, m]) => ({
        key,
        unit: m.unit,
        definition: m.definition,
      }));

/** The fields of the source's slice each kind takes, as the domain schema defines them. */
export const sliceFields: Record<KpiSourceKind, readonly ("service" | "unit" | "survey")[]> = {
  measurement: [],
  metric: ["service", "unit"],
  survey: ["survey", "service"],
  feedback: ["service"],
  cost: ["service", "unit"],
};

const orNull = (text: string) => (text.trim() === "" ? null : text.trim());

/** A typed number, or the text itself so that the schema names the field ("expected number"). */
const numberOf = (text: string): number | string => {
  const trimmed = text.trim().replace(",", ".");
  const n = Number(trimmed);
  return trimmed !== "" && Number.isFinite(n) ? n : text;
};

/** The formula source in the domain's shape, with only the fields its kind has. */
export const sourceOf = (v: KpiFormValues): Record<string, unknown> => {
  const slice = sliceFields[v.sourceKind];
  const service = slice.includes("service") ? { serviceId: orNull(v.sourceServiceId) } : {};
  const unit = slice.includes("unit") ? { businessUnitId: orNull(v.sourceBusinessUnitId) } : {};
  switch (v.sourceKind) {
    case "measurement":
      return { kind: "measurement", aggregation: v.aggregation };
    case "metric":
      return { kind: "metric", metric: v.measure, ...service, ...unit };
    case "survey":
      return { kind: "survey", measure: v.measure, surveyId: orNull(v.surveyId), ...service };
    default:
      return { kind: v.sourceKind, measure: v.measure, ...service, ...unit };
  }
};

/** The request body: every field for a new KPI; for an edit, all but the anchor (which a patch cannot move). */
export const kpiBodyOf = (v: KpiFormValues, editing: boolean): Record<string, unknown> => {
  const body: Record<string, unknown> = {
    name: v.name,
    layer: v.layer,
    source: sourceOf(v),
    unit: v.unit,
    direction: v.direction,
    frequency: v.frequency,
    ownerPersonId: orNull(v.ownerPersonId),
    definition: v.definition,
    weight: numberOf(v.weight),
    greenFrom: numberOf(v.greenFrom),
    amberFrom: numberOf(v.amberFrom),
    templateKey: orNull(v.templateKey),
  };
  if (editing) return body;
  return {
    ...body,
    goalId: null,
    serviceId: null,
    businessUnitId: null,
    [anchorFields[v.anchorKind]]: orNull(v.anchorId),
  };
};

/**
 * The form checked with the API's own schema (kpiInput, or kpiPatch when editing), as field
 * messages keyed by the API's paths ("name", "source.metric", "amberFrom"). What needs the
 * database (a measure's unit, a service that exists) is left to the server.
 */
export const checkKpiForm = (v: KpiFormValues, editing: boolean): Record<string, string> => {
  const result = (editing ? kpiPatch : kpiInput).safeParse(kpiBodyOf(v, editing));
  const errors: Record<string, string> = {};
  if (result.success) return errors;
  for (const issue of result.error.issues) errors[issue.path.map(String).join(".")] ??= issue.message;
  return errors;
};

/** The message for a control, from the first of its paths that has one (e.g. "source.metric", "source.measure"). */
export const messageFor = (errors: Record<string, string>, ...paths: string[]): string | undefined =>
  paths.map((p) => errors[p]).find((m) => m !== undefined);
