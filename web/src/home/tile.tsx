import type { ReactNode } from "react";
import { Link } from "react-router";
import type { ProblemError } from "../api/api-client.js";
import { LoadingState } from "../components/loading-state.js";

/**
 * One tile of a home page: a heading that links to the page explaining it, and its body, or the
 * loading / failed / "nothing yet, here is the next step" state in its place.
 */
export const Tile = ({
  title,
  to,
  linkLabel,
  loading,
  error,
  retry,
  empty,
  children,
  testId,
  wide,
}: {
  title: string;
  /** The page that explains the tile. */
  to: string;
  /** What the link says, e.g. "All alignment gaps". */
  linkLabel: string;
  loading: boolean;
  error: ProblemError | null;
  retry?: () => void;
  /** When set, the tile has nothing to show: say so, and the next step to take. */
  empty?: ReactNode;
  children?: ReactNode;
  testId: string;
  wide?: boolean;
}) => (
  <section
    className={wide ? "panel tile wide" : "panel tile"}
    aria-labelledby={`${testId}-title`}
    data-testid={testId}
  >
    <div className="tile-head">
      <h2 id={`${testId}-title`}>{title}</h2>
      <Link to={to} className="tile-link small">
        {linkLabel} <span aria-hidden="true">→</span>
      </Link>
    </div>
    {error || loading ? (
      <LoadingState
        loading={loading}
        error={error}
        what={title.toLowerCase()}
        {...(retry ? { retry } : {})}
      />
    ) : empty ? (
      <div className="empty-state">{empty}</div>
    ) : (
      children
    )}
  </section>
);

/** A figure with its label; `term` is the technical name, one hover (or focus) away. */
export const TileFigure = ({
  label,
  value,
  term,
  tone,
  testId,
}: {
  label: string;
  value: string;
  term?: string;
  tone?: "good" | "warn" | "bad" | undefined;
  testId?: string;
}) => (
  <div className={tone ? `tile-figure tone-${tone}` : "tile-figure"}>
    <dt>
      {term ? (
        <abbr title={term} tabIndex={0}>
          {label}
        </abbr>
      ) : (
        label
      )}
    </dt>
    <dd data-testid={testId}>{value}</dd>
  </div>
);
