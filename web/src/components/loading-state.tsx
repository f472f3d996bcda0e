import type { ProblemError } from "../api/api-client.js";
import { NotAllowed } from "./not-allowed.js";
import { ProblemMessage } from "./problem-message.js";

/** Loading, refused or failed: what to show instead of the data. Null when the data is there. */
export const LoadingState = ({
  loading,
  error,
  what,
}: {
  loading: boolean;
  error: ProblemError | null;
  what: string;
}) => {
  if (error?.status === 403) return <NotAllowed what={what} />;
  if (error?.status === 404)
    return <p className="muted">Not found: this {what} does not exist or is not yours to see.</p>;
  if (error) return <ProblemMessage error={error} />;
  if (loading) return <p className="muted">Loading {what}…</p>;
  return null;
};
