import { type FormEvent, useState } from "react";
import { apiRequest, ProblemError } from "../api/api-client.js";
import type { ItService } from "../api/api-types.js";
import { ConflictNotice } from "./conflict-notice.js";
import { FormField } from "./form-field.js";
import { ProblemMessage } from "./problem-message.js";

const lifecycles = ["pipeline", "live", "retiring", "retired"] as const;

/** Text from the availability box: empty means "no target"; anything else goes to the server to judge. */
const targetOf = (text: string): number | string | null => {
  const trimmed = text.trim().replace(",", ".");
  if (trimmed === "") return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : trimmed;
};

const conflictFields = [
  { name: "name", label: "Name" },
  { name: "description", label: "Description" },
  { name: "criticalityTier", label: "Tier" },
  { name: "lifecycleStatus", label: "Lifecycle" },
  { name: "availabilityTarget", label: "Availability target (%)" },
];

/** Edits a service's main fields with PATCH + If-Match; shows the server's field messages. */
export const ServiceEditForm = ({
  service,
  etag,
  onSaved,
  onCancel,
}: {
  service: ItService;
  etag: string | null;
  onSaved: (saved: ItService, etag: string | null) => void;
  onCancel: () => void;
}) => {
  const [name, setName] = useState(service.name);
  const [description, setDescription] = useState(service.description);
  const [tier, setTier] = useState(String(service.criticalityTier));
  const [lifecycle, setLifecycle] = useState(service.lifecycleStatus);
  const [target, setTarget] = useState(
    service.availabilityTarget === null ? "" : String(service.availabilityTarget),
  );
  const [error, setError] = useState<ProblemError | null>(null);
  const [saving, setSaving] = useState(false);
  // The stored version being edited and its ETag; both move on when a 412 is resolved.
  const [base, setBase] = useState<{ item: ItService; etag: string | null }>({ item: service, etag });
  const fields = error?.fieldErrors() ?? {};

  const takeValues = (from: ItService) => {
    setName(from.name);
    setDescription(from.description);
    setTier(String(from.criticalityTier));
    setLifecycle(from.lifecycleStatus);
    setTarget(from.availabilityTarget === null ? "" : String(from.availabilityTarget));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const answer = await apiRequest<ItService>("PATCH", `/api/v1/services/${service.id}`, {
        body: {
          name,
          description,
          criticalityTier: Number(tier),
          lifecycleStatus: lifecycle,
          availabilityTarget: targetOf(target),
        },
        headers: base.etag ? { "if-match": base.etag } : {},
      });
      onSaved(answer.data, answer.etag);
    } catch (reason) {
      if (reason instanceof ProblemError) setError(reason);
      else throw reason;
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="panel edit-form" onSubmit={submit} noValidate aria-label="Edit service">
      <h2>Edit service</h2>
      {error ? <ProblemMessage error={error} /> : null}
      {error?.status === 412 ? (
        <ConflictNotice
          url={`/api/v1/services/${service.id}`}
          before={base.item as unknown as Record<string, unknown>}
          fields={conflictFields}
          onTakeTheirs={(stored, storedEtag) => {
            takeValues(stored as unknown as ItService);
            setBase({ item: stored as unknown as ItService, etag: storedEtag });
            setError(null);
          }}
          onKeepMine={(stored, storedEtag) => {
            setBase({ item: stored as unknown as ItService, etag: storedEtag });
            setError(null);
          }}
        />
      ) : null}
      <FormField label="Name" name="name" error={fields.name}>
        <input name="name" value={name} onChange={(e) => setName(e.target.value)} />
      </FormField>
      <FormField label="Description" name="description" error={fields.description}>
        <textarea
          name="description"
          rows={4}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </FormField>
      <div className="field-row">
        <FormField label="Tier" name="criticalityTier" error={fields.criticalityTier}>
          <select name="criticalityTier" value={tier} onChange={(e) => setTier(e.target.value)}>
            <option value="1">1 (business-critical)</option>
            <option value="2">2</option>
            <option value="3">3</option>
            <option value="4">4 (best effort)</option>
          </select>
        </FormField>
        <FormField label="Lifecycle" name="lifecycleStatus" error={fields.lifecycleStatus}>
          <select
            name="lifecycleStatus"
            value={lifecycle}
            onChange={(e) => setLifecycle(e.target.value as ItService["lifecycleStatus"])}
          >
            {lifecycles.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </FormField>
        <FormField
          label="Availability target (%)"
          name="availabilityTarget"
          error={fields.availabilityTarget}
        >
          <input
            name="availabilityTarget"
            inputMode="decimal"
            placeholder="e.g. 99.9"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
          />
        </FormField>
      </div>
      <div className="actions">
        <button type="submit" disabled={saving}>
          {saving ? "Saving…" : "Save"}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
};
