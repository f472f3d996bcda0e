import { useSession } from "../api/session-context.js";
import { CockpitHome } from "../home/cockpit-home.js";
import { PortalHome } from "../home/portal-home.js";

/** The front door: the portal for business stakeholders, the cockpit for everyone else. */
export const HomePage = () => {
  const { me } = useSession();
  return me?.user.role === "business_stakeholder" ? <PortalHome /> : <CockpitHome />;
};
