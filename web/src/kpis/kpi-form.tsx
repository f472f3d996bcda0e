import { type FormEvent, useState } from "react";
import { apiGet, apiRequest, ProblemError } from "../api/api-client.js";
import { useApi } from "../api/use-api.js";
import { ConflictNotice } from "../components/conflict-notice.js";
import { FormField } from "../components/form-field.js";
import { ProblemMessage } from "../components/problem-message.js";
import { ReferenceSelect } from "../components/reference-select.js";
import { kpiUnits } from "./benchmark-figures.js";
import {
  anchorFields,
  checkKpiForm,
  type KpiAnchorKind,
  type KpiFormValues,
  kpiBodyOf,
  kpiFormOf,
  measuresOf,
  messageFor,
  newKpiForm,
  sliceFields,
} from "./kpi-form-values.js";
import type { Kpi, KpiTemplate } from "./kpi-types.js";

const layers = { strategic: "strategic", operational: "operational", experience: "experience" };
const anchors: Record<KpiAnchorKind, { label: string; path: string }> = {
  goal: { label: "a business goal", path: "goals" },
  service: { label: "an IT service", path: "services" },
  unit: { label: "a business unit", path: "business-units" },
};
const sourceKinds = {
  measurement: "business measurements (typed in or imported)",
  metric: "a Tandem metric",
  survey: "a survey score",
  feedback: "ticket feedback",
  cost: "a cost figure",
};
const aggregations = {
  sum: "sum of the period",
  mean: "mean of the period",
  last: "last value of the period",
};
const directions = { higher: "higher is better", lower: "lower is better" };
const frequencies = { weekly: "weekly", monthly: "monthly", quarterly: "quarterly", yearly: "yearly" };

/** Labels of the API's paths, for the summary of what was refused. */
const labels: Record<string, string> = {
  name: "Name",
  layer: "Layer",
  goalId: "Attached to",
  serviceId: "Attached to",
  businessUnitId: "Attached to",
  source: "Formula source",
  "source.kind": "Formula source",
  "source.aggregation": "Aggregation",
  "source.metric": "Metric",
  "source.measure": "Measure",
  "source.serviceId": "Service",
  "source.businessUnitId": "Business unit",
  "source.surveyId": "Survey",
  unit: "Unit",
  direction: "Direction",
  frequency: "Frequency",
  ownerPersonId: "Owner",
  definition: "One-line definition",
  weight: "Weight in its goal",
  greenFrom: "Green from",
  amberFrom: "Amber from",
  templateKey: "Compare with benchmarks of",
};

const Options = ({ of }: { of: Record<string, string> }) =>
  Object.entries(of).map(([value, label]) => (
    <option key={value} value={value}>
      {label}
    </option>
  ));

const conflictFields = Object.entries({
  name: "Name",
  layer: "Layer",
  source: "Formula source",
  unit: "Unit",
  direction: "Direction",
  frequency: "Frequency",
  ownerPersonId: "Owner",
  definition: "One-line definition",
  weight: "Weight in its goal",
  greenFrom: "Green from",
  amberFrom: "Amber from",
  templateKey: "Compare with benchmarks of",
}).map(([name, label]) => ({ name, label }));

/**
 * Creates a KPI from scratch (POST) or edits one (PATCH with If-Match), every field of the domain
 * schema. The form is checked with that same schema before it is sent; what needs the database
 * (a measure's unit, a service that exists) comes back from the server, shown next to its field.
 */
export const KpiForm = ({
  kpi,
  etag,
  anchor,
  onSaved,
  onCancel,
}: {
  kpi?: Kpi;
  etag?: string | null;
  anchor?: { kind: KpiAnchorKind; id: string };
  onSaved: (saved: Kpi) => void;
  onCancel: () => void;
}) => {
  const editing = kpi !== undefined;
  const [values, setValues] = useState<KpiFormValues>(() => (kpi ? kpiFormOf(kpi) : newKpiForm(anchor)));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ProblemError | null>(null);
  const [saving, setSaving] = useState(false);
  // The stored version being edited and its ETag; both move on when a 412 is resolved.
  const [base, setBase] = useState({ item: kpi, etag: etag ?? null });
  const library = useApi((signal) => apiGet<KpiTemplate[]>("/api/v1/kpis/library", signal), []);
  const errors = { ...(error?.fieldErrors() ?? {}), ...localErrors };
  const set = (patch: Partial<KpiFormValues>) => setValues((v) => ({ ...v, ...patch }));
  const measures = measuresOf(values.sourceKind);
  const chosen = measures.find((m) => m.key === values.measure);
  const slice = sliceFields[values.sourceKind];
  const title = editing ? `Edit KPI: ${kpi.name}` : "New KPI";

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local = checkKpiForm(values, editing);
    setLocalErrors(local);
    setError(null);
    if (Object.keys(local).length > 0) return;
    setSaving(true);
    try {
      const body = kpiBodyOf(values, editing);
      const answer = base.item
        ? await apiRequest<Kpi>("PATCH", `/api/v1/kpis/${base.item.id}`, {
            body,
            headers: base.etag ? { "if-match": base.etag } : {},
          })
        : await apiRequest<Kpi>("POST", "/api/v1/kpis", { body });
      onSaved(answer.data);
    } catch (reason) {
      if (reason instanceof ProblemError) setError(reason);
      else throw reason;
    } finally {
      setSaving(false);
    }
  };

  const issues = [
    ...Object.entries(localErrors).map(([path, message]) => ({ path, message })),
    ...(error?.problem.issues ?? []),
  ];
  return (
    <form className="panel edit-form" onSubmit={submit} noValidate aria-label={title}>
      <h1 className="form-title">{title}</h1>
      {error || issues.length > 0 ? (
        <div data-testid="form-errors">
          <ProblemMessage error={error} />
          {issues.length > 0 ? (
            <ul className="error-summary">
              {issues.map((i) => (
                <li key={`${i.path}:${i.message}`}>
                  <strong>{labels[i.path] ?? i.path}</strong>: {i.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {error?.status === 412 && base.item ? (
        <ConflictNotice
          url={`/api/v1/kpis/${base.item.id}`}
          before={base.item as unknown as Record<string, unknown>}
          fields={conflictFields}
          onTakeTheirs={(stored, storedEtag) => {
            setValues(kpiFormOf(stored as unknown as Kpi));
            setBase({ item: stored as unknown as Kpi, etag: storedEtag });
            setError(null);
          }}
          onKeepMine={(stored, storedEtag) => {
            setBase({ item: stored as unknown as Kpi, etag: storedEtag });
            setError(null);
          }}
        />
      ) : null}
      <div className="form-grid">
        <FormField label="Name" name="name" error={messageFor(errors, "name")}>
          <input name="name" value={values.name} onChange={(e) => set({ name: e.target.value })} />
        </FormField>
        <FormField label="Layer" name="layer" error={messageFor(errors, "layer")}>
          <select name="layer" value={values.layer} onChange={(e) => set({ layer: e.target.value })}>
            <Options of={layers} />
          </select>
        </FormField>
      </div>
      <fieldset>
        <legend>Attached to</legend>
        {editing ? (
          <p className="muted">
            {anchors[values.anchorKind].label}; a KPI stays where it was created (make a new one to move it).
          </p>
        ) : (
          <div className="form-grid">
            <FormField label="Kind" name="anchorKind">
              <select
                name="anchorKind"
                value={values.anchorKind}
                onChange={(e) => set({ anchorKind: e.target.value as KpiAnchorKind, anchorId: "" })}
              >
                <option value="goal">a business goal</option>
                <option value="service">an IT service</option>
                <option value="unit">a business unit</option>
              </select>
            </FormField>
            <FormField
              label={`Which ${anchors[values.anchorKind].label.replace(/^an? /, "")}`}
              name={anchorFields[values.anchorKind]}
              error={messageFor(
                errors,
                anchorFields[values.anchorKind],
                "goalId",
                "serviceId",
                "businessUnitId",
              )}
            >
              <ReferenceSelect
                key={values.anchorKind}
                name={anchorFields[values.anchorKind]}
                path={anchors[values.anchorKind].path}
                value={values.anchorId}
                onChange={(anchorId) => set({ anchorId })}
              />
            </FormField>
          </div>
        )}
      </fieldset>
      <fieldset>
        <legend>Formula source</legend>
        <div className="form-grid">
          <FormField
            label="Where the value comes from"
            name="source.kind"
            error={messageFor(errors, "source.kind", "source")}
          >
            <select
              name="source.kind"
              value={values.sourceKind}
              onChange={(e) =>
                set({ sourceKind: e.target.value as KpiFormValues["sourceKind"], measure: "" })
              }
            >
              <Options of={sourceKinds} />
            </select>
          </FormField>
          {values.sourceKind === "measurement" ? (
            <FormField
              label="Aggregation"
              name="source.aggregation"
              error={messageFor(errors, "source.aggregation")}
            >
              <select
                name="source.aggregation"
                value={values.aggregation}
                onChange={(e) => set({ aggregation: e.target.value })}
              >
                <Options of={aggregations} />
              </select>
            </FormField>
          ) : (
            <FormField
              label={values.sourceKind === "metric" ? "Metric" : "Measure"}
              name={values.sourceKind === "metric" ? "source.metric" : "source.measure"}
              error={messageFor(errors, "source.metric", "source.measure")}
            >
              <select
                name="source.measure"
                value={values.measure}
                // The unit follows the measure; a unit changed afterwards is judged by the server.
                onChange={(e) => {
                  const m = measures.find((x) => x.key === e.target.value);
                  set({ measure: e.target.value, ...(m ? { unit: m.unit } : {}) });
                }}
              >
                <option value="">choose…</option>
                {measures.map((m) => (
                  <option key={m.key} value={m.key}>
                    {m.key} ({m.unit})
                  </option>
                ))}
              </select>
            </FormField>
          )}
          {(
            [
              ["survey", "Survey (any when none)", "source.surveyId", "surveys", "surveyId"],
              ["service", "Service (all when none)", "source.serviceId", "services", "sourceServiceId"],
              [
                "unit",
                "Business unit (all when none)",
                "source.businessUnitId",
                "business-units",
                "sourceBusinessUnitId",
              ],
            ] as const
          )
            .filter(([part]) => slice.includes(part))
            .map(([part, label, name, path, field]) => (
              <FormField key={part} label={label} name={name} error={messageFor(errors, name)}>
                <ReferenceSelect
                  name={name}
                  path={path}
                  value={values[field]}
                  onChange={(id) => set({ [field]: id })}
                />
              </FormField>
            ))}
        </div>
        {chosen ? <p className="muted small">{chosen.definition}</p> : null}
      </fieldset>
      <div className="form-grid">
        <FormField label="Unit" name="unit" error={messageFor(errors, "unit")}>
          <select name="unit" value={values.unit} onChange={(e) => set({ unit: e.target.value })}>
            {kpiUnits.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label="Direction" name="direction" error={messageFor(errors, "direction")}>
          <select
            name="direction"
            value={values.direction}
            onChange={(e) => set({ direction: e.target.value })}
          >
            <Options of={directions} />
          </select>
        </FormField>
        <FormField label="Frequency" name="frequency" error={messageFor(errors, "frequency")}>
          <select
            name="frequency"
            value={values.frequency}
            onChange={(e) => set({ frequency: e.target.value })}
          >
            <Options of={frequencies} />
          </select>
        </FormField>
        <FormField label="Owner" name="ownerPersonId" error={messageFor(errors, "ownerPersonId")}>
          <ReferenceSelect
            name="ownerPersonId"
            path="people"
            value={values.ownerPersonId}
            onChange={(ownerPersonId) => set({ ownerPersonId })}
          />
        </FormField>
      </div>
      <div className="form-grid">
        <div className="form-cell wide">
          <FormField label="One-line definition" name="definition" error={messageFor(errors, "definition")}>
            <input
              name="definition"
              value={values.definition}
              onChange={(e) => set({ definition: e.target.value })}
            />
          </FormField>
        </div>
        {(
          [
            ["weight", "Weight in its goal"],
            ["greenFrom", "Green from (% of target achieved)"],
            ["amberFrom", "Amber from (% of target achieved)"],
          ] as const
        ).map(([field, label]) => (
          <FormField key={field} label={label} name={field} error={messageFor(errors, field)}>
            <input
              name={field}
              inputMode="decimal"
              value={values[field]}
              onChange={(e) => set({ [field]: e.target.value })}
            />
          </FormField>
        ))}
        <FormField
          label="Compare with benchmarks of"
          name="templateKey"
          error={messageFor(errors, "templateKey")}
        >
          <select
            name="templateKey"
            value={values.templateKey}
            onChange={(e) => set({ templateKey: e.target.value })}
          >
            <option value="">no library KPI</option>
            {values.templateKey && !library.data?.some((t) => t.key === values.templateKey) ? (
              <option value={values.templateKey}>{values.templateKey}</option>
            ) : null}
            {library.data?.map((t) => (
              <option key={t.key} value={t.key}>
                {t.name}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      <p className="muted small">
        Benchmark figures are kept per library KPI: choose the one this KPI measures to see them on its page.
      </p>
      <div className="actions">
        <button type="submit" disabled={saving}>
          {saving ? "Saving…" : editing ? "Save" : "Create KPI"}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
};
