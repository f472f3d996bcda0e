import { createBrowserRouter, RouterProvider } from "react-router";
import { SessionProvider } from "./api/session-context.js";
import { AppShell } from "./components/app-shell.js";
import { RequireSession } from "./components/require-session.js";
import { businessUnitEntity } from "./entities/business-units.js";
import { capabilityEntity } from "./entities/capabilities.js";
import type { EntityDescription } from "./entities/entity-description.js";
import { goalEntity } from "./entities/goals.js";
import { initiativeEntity } from "./entities/initiatives.js";
import { itTeamEntity } from "./entities/it-teams.js";
import { personEntity } from "./entities/people.js";
import { serviceEntity } from "./entities/services.js";
import { AccountPage } from "./pages/account-page.js";
import { AdminUsersPage } from "./pages/admin-users-page.js";
import { BusinessUnitsPage } from "./pages/business-units-page.js";
import { CapabilitiesPage } from "./pages/capabilities-page.js";
import { CapabilityPage } from "./pages/capability-page.js";
import { EntityCreatePage } from "./pages/entity-create-page.js";
import { EntityDetailPage } from "./pages/entity-detail-page.js";
import { EntityEditPage } from "./pages/entity-edit-page.js";
import { GapsPage } from "./pages/gaps-page.js";
import { GoalPage } from "./pages/goal-page.js";
import { GoalsPage } from "./pages/goals-page.js";
import { ImportsPage } from "./pages/imports-page.js";
import { InitiativePage } from "./pages/initiative-page.js";
import { InitiativesPage } from "./pages/initiatives-page.js";
import { ItTeamsPage } from "./pages/it-teams-page.js";
import { NotFoundPage } from "./pages/not-found-page.js";
import { PeoplePage } from "./pages/people-page.js";
import { ServicePage } from "./pages/service-page.js";
import { ServicesPage } from "./pages/services-page.js";
import { SignInPage } from "./pages/sign-in-page.js";

/** New and edit pages of an entity (keyed, so that moving between entities starts a fresh form). */
const formRoutes = (entity: EntityDescription, edit = true) => [
  { path: `${entity.path}/new`, element: <EntityCreatePage key={`new-${entity.path}`} entity={entity} /> },
  ...(edit
    ? [
        {
          path: `${entity.path}/:id/edit`,
          element: <EntityEditPage key={`edit-${entity.path}`} entity={entity} />,
        },
      ]
    : []),
];

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
      // A service is edited in place on its page (with its availability target and links).
      ...formRoutes(serviceEntity, false),
      { path: "services/:id", element: <ServicePage /> },
      { path: "goals", element: <GoalsPage /> },
      ...formRoutes(goalEntity),
      { path: "goals/:id", element: <GoalPage /> },
      { path: "capabilities", element: <CapabilitiesPage /> },
      ...formRoutes(capabilityEntity),
      { path: "capabilities/:id", element: <CapabilityPage /> },
      { path: "business-units", element: <BusinessUnitsPage /> },
      ...formRoutes(businessUnitEntity),
      {
        path: "business-units/:id",
        element: <EntityDetailPage key="business-units" entity={businessUnitEntity} />,
      },
      { path: "people", element: <PeoplePage /> },
      ...formRoutes(personEntity),
      { path: "people/:id", element: <EntityDetailPage key="people" entity={personEntity} /> },
      { path: "it-teams", element: <ItTeamsPage /> },
      ...formRoutes(itTeamEntity),
      { path: "it-teams/:id", element: <EntityDetailPage key="it-teams" entity={itTeamEntity} /> },
      { path: "initiatives", element: <InitiativesPage /> },
      ...formRoutes(initiativeEntity),
      { path: "initiatives/:id", element: <InitiativePage /> },
      { path: "gaps", element: <GapsPage /> },
      { path: "imports", element: <ImportsPage /> },
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
