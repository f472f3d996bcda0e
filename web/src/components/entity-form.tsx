import { type FormEvent, useState } from "react";
import { apiRequest, ProblemError } from "../api/api-client.js";
import type { EntityDescription } from "../entities/entity-description.js";
import { type FormValues, formValuesOf, requestBodyOf } from "../entities/field-values.js";
import { EntityFieldInput } from "./entity-field-input.js";
import { FieldErrorSummary } from "./field-error-summary.js";

export interface Stored {
  id: string;
  [field: string]: unknown;
}

/** The server's message for a field, also for nested paths ("roles.0" → roles). */
const errorFor = (errors: Record<string, string>, name: string): string | undefined =>
  errors[name] ?? Object.entries(errors).find(([path]) => path.startsWith(`${name}.`))?.[1];

/**
 * Creates (POST) or edits (PATCH with If-Match) one entity, its fields as the description says;
 * shows the server's field messages next to the fields and in a summary.
 */
export const EntityForm = ({
  entity,
  item,
  etag,
  onSaved,
  onCancel,
}: {
  entity: EntityDescription;
  /** The stored item when editing; absent when creating. */
  item?: Stored | undefined;
  etag?: string | null;
  onSaved: (saved: Stored) => void;
  onCancel: () => void;
}) => {
  const [values, setValues] = useState<FormValues>(() => formValuesOf(entity, item));
  const [error, setError] = useState<ProblemError | null>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const fieldErrors = { ...(error?.fieldErrors() ?? {}), ...localErrors };
  const title = item ? `Edit ${entity.one}` : `New ${entity.one}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { body, localErrors: local } = requestBodyOf(entity, values);
    setLocalErrors(local);
    setError(null);
    if (Object.keys(local).length > 0) return;
    setSaving(true);
    try {
      const answer = item
        ? await apiRequest<Stored>("PATCH", `/api/v1/${entity.path}/${item.id}`, {
            body,
            headers: etag ? { "if-match": etag } : {},
          })
        : await apiRequest<Stored>("POST", `/api/v1/${entity.path}`, { body });
      onSaved(answer.data);
    } catch (reason) {
      if (reason instanceof ProblemError) setError(reason);
      else throw reason;
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="panel edit-form" onSubmit={submit} noValidate aria-label={title}>
      <h2>{title}</h2>
      <FieldErrorSummary error={error} fields={entity.fields} localErrors={localErrors} />
      <div className="form-grid">
        {entity.fields.map((field) => (
          <EntityFieldInput
            key={field.name}
            field={field}
            value={values[field.name] ?? ""}
            onChange={(value) => setValues((previous) => ({ ...previous, [field.name]: value }))}
            error={errorFor(fieldErrors, field.name)}
            selfId={field.reference === entity.path ? item?.id : undefined}
          />
        ))}
      </div>
      <div className="actions">
        <button type="submit" disabled={saving}>
          {saving ? "Saving…" : item ? "Save" : `Create ${entity.one}`}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
};
