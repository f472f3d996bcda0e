import type { GapRow } from "../../../src/domain/schemas/campaign.js";
import { formatNumber, formatPercent } from "../components/locale-format.js";

/** Colours of the five answers, strongly disagree (red) to strongly agree (green). */
export const answerColours = ["#b91c1c", "#f87171", "#d1d5db", "#86efac", "#15803d"];

/** A distribution as a stacked bar with its share per answer in the title. */
export const DistributionBar = ({
  distribution,
  label,
}: {
  distribution: { value: number; answers: number }[] | null;
  label: string;
}) => {
  if (!distribution) return <span className="muted small">withheld (fewer than 5)</span>;
  const n = distribution.reduce((s, d) => s + d.answers, 0);
  if (n === 0) return <span className="muted small">no answers</span>;
  const text = distribution.map((d) => `${d.value}: ${d.answers}`).join(", ");
  return (
    <span className="dist-bar" role="img" aria-label={`${label}: ${text}`} title={text}>
      {distribution.map((d) => (
        <span
          key={d.value}
          style={{ width: `${(100 * d.answers) / n}%`, background: answerColours[d.value - 1] }}
        />
      ))}
    </span>
  );
};

export const agreeText = (pct: number | null) => (pct === null ? "–" : formatPercent(pct, 0));

/** "+44 pts ●" or "withheld": the gap with its significance mark. */
export const GapValue = ({ row }: { row: GapRow }) => {
  if (row.gapPoints === null) return <span className="muted small">withheld</span>;
  const signed = `${row.gapPoints > 0 ? "+" : ""}${formatNumber(row.gapPoints, 0)} pts`;
  return (
    <span
      className={`gap-value ${row.gapPoints > 0 ? "gap-positive" : ""}`}
      title={`95 % interval ${formatNumber(row.ciLow ?? 0, 0)} to ${formatNumber(row.ciHigh ?? 0, 0)} points`}
    >
      {signed}
      {row.significant ? (
        <>
          <span aria-hidden="true"> ●</span>
          <span className="visually-hidden"> (significant)</span>
        </>
      ) : null}
    </span>
  );
};

export const ciText = (row: GapRow) =>
  row.ciLow === null || row.ciHigh === null
    ? "–"
    : `${formatNumber(row.ciLow, 0)} to ${formatNumber(row.ciHigh, 0)}`;
