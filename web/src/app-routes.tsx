import { createBrowserRouter, RouterProvider } from "react-router";
import { SessionProvider } from "./api/session-context.js";
import { AppShell } from "./components/app-shell.js";
import { RequireSession } from "./components/require-session.js";
import { AccountPage } from "./pages/account-page.js";
import { AdminUsersPage } from "./pages/admin-users-page.js";
import { BusinessUnitsPage } from "./pages/business-units-page.js";
import { CapabilitiesPage } from "./pages/capabilities-page.js";
import { GapsPage } from "./pages/gaps-page.js";
import { GoalPage } from "./pages/goal-page.js";
import { GoalsPage } from "./pages/goals-page.js";
import { InitiativesPage } from "./pages/initiatives-page.js";
import { NotFoundPage } from "./pages/not-found-page.js";
import { ServicePage } from "./pages/service-page.js";
import { ServicesPage } from "./pages/services-page.js";
import { SignInPage } from "./pages/sign-in-page.js";

const router = createBrowserRouter([
  { path: "/sign-in", element: <SignInPage /> },
  {
    element: (
      <RequireSession>
        <AppShell />
      </RequireSession>
    ),
    children: [
      {
        index: true,
        // The map brings ECharts (most of the bundle); load it only when the map is opened.
        lazy: async () => ({ Component: (await import("./pages/map-page.js")).MapPage }),
      },
      { path: "services", element: <ServicesPage /> },
      { path: "services/:id", element: <ServicePage /> },
      { path: "goals", element: <GoalsPage /> },
      { path: "goals/:id", element: <GoalPage /> },
      { path: "capabilities", element: <CapabilitiesPage /> },
      { path: "business-units", element: <BusinessUnitsPage /> },
      { path: "initiatives", element: <InitiativesPage /> },
      { path: "gaps", element: <GapsPage /> },
      { path: "account", element: <AccountPage /> },
      { path: "admin/users", element: <AdminUsersPage /> },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);

/** The whole app: the session around the router. */
export const TandemApp = () => (
  <SessionProvider>
    <RouterProvider router={router} />
  </SessionProvider>
);
