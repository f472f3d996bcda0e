import type { ReactNode } from "react";
import type { ProblemError } from "../api/api-client.js";
import { NotAllowed } from "./not-allowed.js";
import { ProblemMessage } from "./problem-message.js";

/**
 * Loading, refused or failed: what to show instead of the data. Null when the data is there.
 * Pass `retry` (useApi's reload) so that "Try again" reloads just this part of the page.
 */
export const LoadingState = ({
  loading,
  error,
  what,
  retry,
}: {
  loading: boolean;
  error: ProblemError | null;
  what: string;
  retry?: () => void;
}) => {
  if (error?.status === 403) return <NotAllowed what={what} />;
  if (error?.status === 404)
    return <p className="muted">Not found: this {what} does not exist or is not yours to see.</p>;
  if (error) return <ProblemMessage error={error} {...(retry ? { retry } : {})} />;
  if (loading)
    return (
      <p className="muted loading" role="status" aria-live="polite">
        Loading {what}…
      </p>
    );
  return null;
};

/** Nothing to show yet, and the next step to take (a link or a sentence). */
export const EmptyState = ({ children, next }: { children: ReactNode; next?: ReactNode }) => (
  <div className="empty-state">
    <p>{children}</p>
    {next ? <p className="next-step">{next}</p> : null}
  </div>
);
