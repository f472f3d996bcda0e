import { Link } from "react-router";
import type { PainPoint } from "../../../src/domain/schemas/pain-point.js";
import { useApi } from "../api/use-api.js";
import { formatCount, formatDate, formatNumber } from "../components/locale-format.js";
import { optionalGet } from "./optional-get.js";
import { Tile } from "./tile.js";

const painPoints = (query: string, signal: AbortSignal) =>
  optionalGet<{ items: PainPoint[] }>(`/api/v1/pain-points${query}`, signal);

const days = (hours: number) => `${formatNumber(hours / 24, 0)} d`;

/** How a pain point's status reads to the business. */
export const painPointStatusLabels: Record<PainPoint["status"], string> = {
  new: "Waiting for IT",
  acknowledged: "Seen by IT",
  planned: "Planned",
  in_progress: "Being worked on",
  done: "Done",
  declined: "Declined",
};

/** The cockpit: pain points IT has not acknowledged yet, oldest first. */
export const UnacknowledgedPainPointsTile = () => {
  const list = useApi((signal) => painPoints("?status=new", signal), []);
  const oldest = [...(list.data?.items ?? [])].sort((a, b) => b.ageHours - a.ageHours);
  return (
    <Tile
      title="Oldest unacknowledged pain points"
      to="/pain-points"
      linkLabel="Pain points"
      loading={list.loading && !list.data}
      error={list.error}
      retry={list.reload}
      testId="tile-pain-points"
      empty={
        list.data === null ? (
          <p>This Tandem does not collect pain points.</p>
        ) : oldest.length === 0 ? (
          <p>Every pain point the business reported has been acknowledged.</p>
        ) : undefined
      }
    >
      <p className="tile-lead">
        <strong data-testid="pain-points-waiting">{formatCount(oldest.length)}</strong> waiting for IT
      </p>
      <ul className="plain-list">
        {oldest.slice(0, 5).map((p) => (
          <li key={p.id} className="tile-row">
            <Link to={`/pain-points#pp-${p.id}`}>{p.title}</Link>
            <span
              className="muted small"
              title={`posted ${formatDate(p.createdAt)} by ${p.businessUnitName}`}
            >
              {days(p.ageHours)}
            </span>
          </li>
        ))}
      </ul>
    </Tile>
  );
};

/** The portal: my units' open pain points and where IT is with each. */
export const MyPainPointsTile = () => {
  const list = useApi((signal) => painPoints("", signal), []);
  const open = (list.data?.items ?? []).filter((p) => p.status !== "done" && p.status !== "declined");
  return (
    <Tile
      title="Our pain points"
      to="/pain-points"
      linkLabel="All pain points"
      loading={list.loading && !list.data}
      error={list.error}
      retry={list.reload}
      testId="tile-my-pain-points"
      empty={
        list.data === null ? (
          <p>This Tandem does not collect pain points.</p>
        ) : open.length === 0 ? (
          <p>
            Nothing open. Something in your way? <Link to="/pain-points">Tell IT about it</Link>.
          </p>
        ) : undefined
      }
    >
      <ul className="plain-list">
        {open.slice(0, 6).map((p) => (
          <li key={p.id} className="tile-row" data-testid="my-pain-point">
            <Link to={`/pain-points#pp-${p.id}`}>{p.title}</Link>
            <span className="health">{painPointStatusLabels[p.status]}</span>
          </li>
        ))}
      </ul>
    </Tile>
  );
};
