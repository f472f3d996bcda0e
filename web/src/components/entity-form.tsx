import { type FormEvent, useState } from "react";
import { apiRequest, ProblemError } from "../api/api-client.js";
import type { EntityDescription } from "../entities/entity-description.js";
import { type FormValues, formValuesOf, requestBodyOf } from "../entities/field-values.js";
import { ConflictNotice } from "./conflict-notice.js";
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
  // The stored version the form edits and its ETag; both move on when a 412 is resolved.
  const [base, setBase] = useState<{ item: Stored | undefined; etag: string | null | undefined }>({
    item,
    etag,
  });
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
      const answer = base.item
        ? await apiRequest<Stored>("PATCH", `/api/v1/${entity.path}/${base.item.id}`, {
            body,
            headers: base.etag ? { "if-match": base.etag } : {},
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
      {/* The form is the whole page (new and edit pages), so its title is the page's heading. */}
      <h1 className="form-title">{title}</h1>
      <FieldErrorSummary error={error} fields={entity.fields} localErrors={localErrors} />
      {error?.status === 412 && base.item ? (
        <ConflictNotice
          url={`/api/v1/${entity.path}/${base.item.id}`}
          before={base.item}
          fields={entity.fields}
          onTakeTheirs={(stored, storedEtag) => {
            setValues(formValuesOf(entity, stored));
            setBase({ item: stored, etag: storedEtag });
            setError(null);
          }}
          onKeepMine={(stored, storedEtag) => {
            setBase({ item: stored, etag: storedEtag });
            setError(null);
          }}
        />
      ) : null}
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
