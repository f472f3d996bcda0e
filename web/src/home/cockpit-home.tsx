import { useSession } from "../api/session-context.js";
import { PeriodPicker } from "../components/period-picker.js";
import { AlignmentScoreTile, GoalsAtRiskTile } from "./alignment-tiles.js";
import { BusinessImpactTile } from "./business-impact-tile.js";
import { CriticalServicesTile } from "./critical-services-tile.js";
import { GapsTile } from "./gaps-tile.js";
import { UnacknowledgedPainPointsTile } from "./pain-points-tiles.js";
import { PerceptionGapsTile } from "./voice-and-cost-tiles.js";

/** The IT cockpit: how well IT serves the business goals, and where to look first. */
export const CockpitHome = () => {
  const { me } = useSession();
  return (
    <section className="home cockpit">
      <div className="page-head">
        <h1>Cockpit</h1>
        <p className="muted">
          Good to see you, {me?.user.name.split(" ")[0]}. Where IT and the business stand.
        </p>
        <div className="page-tools">
          <PeriodPicker />
          <button type="button" className="secondary no-print" onClick={() => window.print()}>
            Print
          </button>
        </div>
      </div>
      <div className="tile-grid">
        <AlignmentScoreTile />
        <GoalsAtRiskTile />
        <CriticalServicesTile />
        <BusinessImpactTile />
        <PerceptionGapsTile />
        <UnacknowledgedPainPointsTile />
        <GapsTile />
      </div>
    </section>
  );
};
