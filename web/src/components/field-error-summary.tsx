import type { ProblemError } from "../api/api-client.js";
import type { FieldDescription } from "../entities/entity-description.js";
import { ProblemMessage } from "./problem-message.js";

/** The refusal in the server's words, then every field message with the field's label. */
export const FieldErrorSummary = ({
  error,
  fields,
  localErrors,
}: {
  error: ProblemError | null;
  fields: readonly FieldDescription[];
  localErrors: Record<string, string>;
}) => {
  const issues = [
    ...Object.entries(localErrors).map(([path, message]) => ({ path, message })),
    ...(error?.problem.issues ?? []),
  ];
  if (!error && issues.length === 0) return null;
  const labelOf = (path: string) =>
    fields.find((f) => path === f.name || path.startsWith(`${f.name}.`))?.label ?? path;
  return (
    <div data-testid="form-errors">
      {error ? <ProblemMessage error={error} /> : null}
      {issues.length > 0 ? (
        <ul className="error-summary">
          {issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              <strong>{labelOf(issue.path)}</strong>: {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
};
