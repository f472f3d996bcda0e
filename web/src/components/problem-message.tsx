import type { ProblemError } from "../api/api-client.js";

/** A refused request, in the server's words. */
export const ProblemMessage = ({ error }: { error: ProblemError | null }) => {
  if (!error) return null;
  return (
    <div className="problem" role="alert">
      <strong>{error.problem.title}</strong>
      {error.problem.detail ? <span>: {error.problem.detail}</span> : null}
    </div>
  );
};
