import type { ProblemError } from "../api/api-client.js";

/** A lost connection, a server failure or a timeout: worth trying again; a refusal is not. */
export const isRetryable = (error: ProblemError): boolean =>
  error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;

/**
 * A refused or failed request, in the server's words. A lost connection or a server failure
 * offers "Try again" (the given retry, or a reload of the page), never a blank page.
 */
export const ProblemMessage = ({ error, retry }: { error: ProblemError | null; retry?: () => void }) => {
  if (!error) return null;
  const retryable = isRetryable(error);
  return (
    <div className="problem" role="alert">
      <strong>{error.problem.title}</strong>
      {error.problem.detail ? <span>: {error.problem.detail}</span> : null}
      {retryable ? (
        <button type="button" className="secondary retry" onClick={retry ?? (() => window.location.reload())}>
          Try again
        </button>
      ) : null}
    </div>
  );
};
