import type { ProblemError } from "../api/api-client.js";

/** The fields (or file lines and columns) a refused request named, one per line. */
export const IssueList = ({ error }: { error: ProblemError | null }) =>
  error?.problem.issues && error.problem.issues.length > 0 ? (
    <ul className="problem-issues" data-testid="issues">
      {error.problem.issues.map((i) => (
        <li key={`${i.path}:${i.message}`}>
          <strong>{i.path}</strong>: {i.message}
        </li>
      ))}
    </ul>
  ) : null;
