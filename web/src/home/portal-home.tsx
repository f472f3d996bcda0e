import { useSession } from "../api/session-context.js";
import { PeriodPicker } from "../components/period-picker.js";
import { MyServicesTile } from "./my-services-tile.js";
import { MyPainPointsTile } from "./pain-points-tiles.js";
import { PendingTile } from "./pending-tile.js";
import { MyBillTile } from "./voice-and-cost-tiles.js";

/** The business portal: my services, what we paid and got, and our voice to IT. No ITSM jargon. */
export const PortalHome = () => {
  const { me } = useSession();
  return (
    <section className="home portal">
      <div className="page-head">
        <h1>Your IT at a glance</h1>
        <p className="muted">
          Hello {me?.user.name.split(" ")[0]}: how the IT services your unit relies on are doing.
        </p>
        <div className="page-tools">
          <PeriodPicker />
          <button type="button" className="secondary no-print" onClick={() => window.print()}>
            Print
          </button>
        </div>
      </div>
      <div className="tile-grid">
        <MyServicesTile />
        <MyBillTile />
        <MyPainPointsTile />
        <PendingTile
          title="Surveys waiting for you"
          to="/services"
          linkLabel="My services"
          testId="tile-surveys"
        >
          Survey invitations come by e-mail, each with its own link; none is open here.
        </PendingTile>
        <PendingTile title="Next council decisions" to="/goals" linkLabel="Our goals" testId="tile-decisions">
          No IT–business council decisions are recorded in Tandem yet.
        </PendingTile>
      </div>
    </section>
  );
};
