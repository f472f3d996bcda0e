import { Link } from "react-router";
import { apiGet } from "../api/api-client.js";
import type { AlignmentGaps } from "../api/api-types.js";
import { useApi } from "../api/use-api.js";
import { formatCount } from "../components/locale-format.js";
import { Tile } from "./tile.js";

/** The gap kinds as the gaps page names them, most telling first. */
const kinds = [
  { key: "goalsWithoutService", label: "Goals without a service" },
  { key: "servicesServingNoGoal", label: "Services serving no goal" },
  { key: "consumedServicesWithoutSla", label: "Consumed services without an SLA" },
  { key: "servicesWithoutBusinessOwner", label: "Services without a business owner" },
  { key: "capabilitiesWithoutOwner", label: "Capabilities without an owner" },
  { key: "weightsNotAddingUp", label: "Weights not adding up" },
] as const;

/** How many alignment gaps of each kind the graph has now. */
export const GapsTile = () => {
  const gaps = useApi((signal) => apiGet<AlignmentGaps>("/api/v1/graph/gaps", signal), []);
  const total = gaps.data ? kinds.reduce((sum, k) => sum + gaps.data![k.key].length, 0) : 0;
  return (
    <Tile
      title="Alignment gaps"
      to="/gaps"
      linkLabel="All gaps"
      loading={gaps.loading && !gaps.data}
      error={gaps.error}
      retry={gaps.reload}
      testId="tile-gaps"
      empty={
        gaps.data && total === 0 ? (
          <p>
            No gaps: every service serves a goal and every goal has a service. Keep it so on the{" "}
            <Link to="/map">alignment map</Link>.
          </p>
        ) : undefined
      }
    >
      {gaps.data ? (
        <>
          <p className="tile-lead">
            <strong data-testid="gaps-total">{formatCount(total)}</strong> {total === 1 ? "gap" : "gaps"} in
            the graph
          </p>
          <ul className="plain-list">
            {kinds
              .filter((k) => gaps.data![k.key].length > 0)
              .map((k) => (
                <li key={k.key} className="tile-row">
                  <span>{k.label}</span>
                  <span className="count">{formatCount(gaps.data![k.key].length)}</span>
                </li>
              ))}
          </ul>
        </>
      ) : null}
    </Tile>
  );
};
