import type { ComponentType, ReactNode } from "react";
import { createBrowserRouter, Link, RouterProvider } from "react-router";
import { SessionProvider } from "./api/session-context.js";
import { AppShell } from "./components/app-shell.js";
import { RequireSession } from "./components/require-session.js";
import { RouteError } from "./components/route-error.js";
import { businessUnitEntity } from "./entities/business-units.js";
import { capabilityEntity } from "./entities/capabilities.js";
import type { EntityDescription } from "./entities/entity-description.js";
import { goalEntity } from "./entities/goals.js";
import { initiativeEntity } from "./entities/initiatives.js";
import { itTeamEntity } from "./entities/it-teams.js";
import { personEntity } from "./entities/people.js";
import { serviceEntity } from "./entities/services.js";

/**
 * A page loaded only when it is opened (route-level code splitting: the first load carries the
 * shell, not every page). Usage: `{ path: "things", ...page(() => import("./pages/things-page.js"), "ThingsPage") }`.
 */
const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) => ({
  lazy: async () => ({ Component: (await load())[name] }),
});

/** New and edit pages of an entity (keyed, so that moving between entities starts a fresh form). */
const formRoutes = (entity: EntityDescription, edit = true) => [
  {
    path: `${entity.path}/new`,
    lazy: async () => {
      const { EntityCreatePage } = await import("./pages/entity-create-page.js");
      return { element: <EntityCreatePage key={`new-${entity.path}`} entity={entity} /> };
    },
  },
  ...(edit
    ? [
        {
          path: `${entity.path}/:id/edit`,
          lazy: async () => {
            const { EntityEditPage } = await import("./pages/entity-edit-page.js");
            return { element: <EntityEditPage key={`edit-${entity.path}`} entity={entity} /> };
          },
        },
      ]
    : []),
];

/** The plain detail page of an entity. */
const detailRoute = (entity: EntityDescription, extra?: (item: { id: string }) => ReactNode) => ({
  path: `${entity.path}/:id`,
  lazy: async () => {
    const { EntityDetailPage } = await import("./pages/entity-detail-page.js");
    return {
      element: (
        <EntityDetailPage key={entity.path} entity={entity}>
          {extra}
        </EntityDetailPage>
      ),
    };
  },
});

const router = createBrowserRouter([
  // A survey link: public, phone first, no sign-in and no app shell.
  {
    path: "/s/:token",
    ...page(() => import("./surveys/survey-answer-page.js"), "SurveyAnswerPage"),
    errorElement: <RouteError />,
  },
  // A ticket's feedback link: public, phone first, no sign-in and no app shell.
  {
    path: "/feedback/:token",
    ...page(() => import("./voice/feedback-answer-page.js"), "FeedbackAnswerPage"),
    errorElement: <RouteError />,
  },
  {
    path: "/sign-in",
    ...page(() => import("./pages/sign-in-page.js"), "SignInPage"),
    errorElement: <RouteError />,
  },
  {
    element: (
      <RequireSession>
        <AppShell />
      </RequireSession>
    ),
    errorElement: <RouteError />,
    children: [
      {
        // A page that fails to load or to draw shows its error inside the shell, with a retry.
        errorElement: <RouteError />,
        children: [
          // The cockpit (IT roles) or the portal (business stakeholders).
          { index: true, ...page(() => import("./pages/home-page.js"), "HomePage") },
          // The map brings the graph part of ECharts; it loads only when the map is opened.
          { path: "map", ...page(() => import("./pages/map-page.js"), "MapPage") },
          { path: "services", ...page(() => import("./pages/services-page.js"), "ServicesPage") },
          // A service is edited in place on its page (with its availability target and links).
          ...formRoutes(serviceEntity, false),
          { path: "services/:id", ...page(() => import("./pages/service-page.js"), "ServicePage") },
          { path: "goals", ...page(() => import("./pages/goals-page.js"), "GoalsPage") },
          ...formRoutes(goalEntity),
          { path: "goals/:id", ...page(() => import("./pages/goal-page.js"), "GoalPage") },
          { path: "capabilities", ...page(() => import("./pages/capabilities-page.js"), "CapabilitiesPage") },
          ...formRoutes(capabilityEntity),
          { path: "capabilities/:id", ...page(() => import("./pages/capability-page.js"), "CapabilityPage") },
          {
            path: "business-units",
            ...page(() => import("./pages/business-units-page.js"), "BusinessUnitsPage"),
          },
          ...formRoutes(businessUnitEntity),
          detailRoute(businessUnitEntity, (unit) => (
            <p className="panel">
              <Link to={`/business-units/${unit.id}/performance`}>How IT served this unit</Link>: its tickets,
              the services it uses and how they did.
            </p>
          )),
          { path: "people", ...page(() => import("./pages/people-page.js"), "PeoplePage") },
          ...formRoutes(personEntity),
          detailRoute(personEntity),
          { path: "it-teams", ...page(() => import("./pages/it-teams-page.js"), "ItTeamsPage") },
          ...formRoutes(itTeamEntity),
          detailRoute(itTeamEntity),
          { path: "initiatives", ...page(() => import("./pages/initiatives-page.js"), "InitiativesPage") },
          ...formRoutes(initiativeEntity),
          { path: "initiatives/:id", ...page(() => import("./pages/initiative-page.js"), "InitiativePage") },
          { path: "gaps", ...page(() => import("./pages/gaps-page.js"), "GapsPage") },
          { path: "imports", ...page(() => import("./pages/imports-page.js"), "ImportsPage") },
          { path: "account", ...page(() => import("./pages/account-page.js"), "AccountPage") },
          { path: "admin/users", ...page(() => import("./pages/admin-users-page.js"), "AdminUsersPage") },
          { path: "campaigns", ...page(() => import("./surveys/campaigns-page.js"), "CampaignsPage") },
          { path: "campaigns/:id", ...page(() => import("./surveys/campaign-page.js"), "CampaignPage") },
          {
            path: "perception-gap",
            ...page(() => import("./surveys/perception-gap-page.js"), "PerceptionGapPage"),
          },
          { path: "happiness", ...page(() => import("./voice/happiness-page.js"), "HappinessPage") },
          { path: "pain-points", ...page(() => import("./voice/pain-points-page.js"), "PainPointsPage") },
          { path: "costs", ...page(() => import("./costs/costs-page.js"), "CostsPage") },
          { path: "kpis", ...page(() => import("./kpis/kpis-page.js"), "KpisPage") },
          { path: "kpis/new", ...page(() => import("./kpis/kpi-editor-pages.js"), "KpiNewPage") },
          { path: "kpis/:id", ...page(() => import("./kpis/kpi-page.js"), "KpiPage") },
          { path: "kpis/:id/edit", ...page(() => import("./kpis/kpi-editor-pages.js"), "KpiEditPage") },
          { path: "benchmarks", ...page(() => import("./kpis/benchmarks-page.js"), "BenchmarksPage") },
          { path: "alignment", ...page(() => import("./kpis/alignment-page.js"), "AlignmentPage") },
          { path: "impact", ...page(() => import("./metrics/impact-page.js"), "ImpactPage") },
          {
            path: "business-units/:id/performance",
            ...page(() => import("./metrics/unit-performance-page.js"), "UnitPerformancePage"),
          },
          // New pages: add a line above this one, e.g.
          // { path: "scorecards", ...page(() => import("./metrics/scorecards-page.js"), "ScorecardsPage") },
          { path: "*", ...page(() => import("./pages/not-found-page.js"), "NotFoundPage") },
        ],
      },
    ],
  },
]);

/** The whole app: the session around the router. */
export const TandemApp = () => (
  <SessionProvider>
    <RouterProvider router={router} />
  </SessionProvider>
);
