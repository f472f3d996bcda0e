import { useEffect, useState } from "react";
import { apiRequest, ProblemError } from "../api/api-client.js";
import { type ConflictField, changedFields } from "./conflict-fields.js";
import { ProblemMessage } from "./problem-message.js";

export type { ConflictField };

/**
 * A save refused with 412 (someone else saved first): reads the stored version and shows what
 * changed meanwhile, field by field. The reader then takes their version (the form is reset to
 * it) or keeps their own (the next save overwrites, knowingly, with the new ETag).
 */
export const ConflictNotice = <T extends Record<string, unknown>>({
  url,
  before,
  fields,
  onTakeTheirs,
  onKeepMine,
}: {
  /** The item's API address, e.g. /api/v1/goals/123. */
  url: string;
  /** The version the form was opened on. */
  before: T;
  fields: readonly ConflictField[];
  onTakeTheirs: (stored: T, etag: string | null) => void;
  onKeepMine: (stored: T, etag: string | null) => void;
}) => {
  const [stored, setStored] = useState<{ item: T; etag: string | null } | null>(null);
  const [error, setError] = useState<ProblemError | null>(null);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: read again on "Try again" only.
  useEffect(() => {
    const controller = new AbortController();
    apiRequest<T>("GET", url, { signal: controller.signal }).then(
      (answer) => setStored({ item: answer.data, etag: answer.etag }),
      (reason: unknown) => {
        if (!controller.signal.aborted && reason instanceof ProblemError) setError(reason);
      },
    );
    return () => controller.abort();
  }, [url, attempt]);

  const changes = stored ? changedFields(fields, before, stored.item) : [];
  return (
    <section className="conflict" role="alert" aria-label="Changed meanwhile" data-testid="conflict-notice">
      <h3>Someone else saved this meanwhile</h3>
      {error ? <ProblemMessage error={error} retry={() => setAttempt((n) => n + 1)} /> : null}
      {!stored && !error ? <p className="muted">Reading what changed…</p> : null}
      {stored ? (
        <>
          {changes.length === 0 ? (
            <p>None of the fields on this form changed; save again to keep your version.</p>
          ) : (
            <table className="data-table compact">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">When you opened it</th>
                  <th scope="col">Now</th>
                </tr>
              </thead>
              <tbody>
                {changes.map((c) => (
                  <tr key={c.field.name} data-field={c.field.name}>
                    <td>{c.field.label}</td>
                    <td>{c.before}</td>
                    <td>{c.now}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="actions">
            <button type="button" onClick={() => onTakeTheirs(stored.item, stored.etag)}>
              Take their version
            </button>
            <button type="button" className="secondary" onClick={() => onKeepMine(stored.item, stored.etag)}>
              Keep mine (save again to overwrite)
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
};
