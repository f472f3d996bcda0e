import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { useSession } from "../api/session-context.js";

/** Children only for a signed-in user; otherwise off to the sign-in page, coming back afterwards. */
export const RequireSession = ({ children }: { children: ReactNode }) => {
  const { me } = useSession();
  const location = useLocation();
  if (me === undefined) return <p className="muted centered">Loading…</p>;
  if (me === null) {
    return <Navigate to="/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  return children;
};
