import { useState } from "react";
import { NavLink, Outlet, useNavigate } from "react-router";
import { roleLabels } from "../../../src/domain/permissions.js";
import { useSession } from "../api/session-context.js";
import { ThemeToggle } from "./theme-toggle.js";
import { initialFocus, UnitSwitcher } from "./unit-switcher.js";

interface NavItem {
  to: string;
  label: string;
  title?: string;
  end?: boolean;
}

/** Header (user, role, sign-out), the navigation the role may use, and the page. */
export const AppShell = () => {
  const session = useSession();
  const navigate = useNavigate();
  const [focus, setFocus] = useState(initialFocus);
  const user = session.me?.user;
  if (!user) return null;

  const items: NavItem[] = [
    {
      to: "/",
      label: "Home",
      title: user.role === "business_stakeholder" ? "My services, costs and voice" : "The IT cockpit",
      end: true,
    },
    { to: "/map", label: "Map", title: "Alignment map" },
    { to: "/services", label: "Services" },
    { to: "/impact", label: "Impact", title: "The most costly outages of the period, ranked by cost" },
    { to: "/goals", label: "Goals" },
    { to: "/kpis", label: "KPIs", title: "KPIs against their targets; import business measurements" },
    { to: "/alignment", label: "Alignment", title: "The alignment score and where it comes from" },
    { to: "/capabilities", label: "Capabilities" },
    { to: "/initiatives", label: "Initiatives" },
    { to: "/business-units", label: "Business units" },
    {
      to: "/perception-gap",
      label: "Perception",
      title: "The perception gap: how the business and IT see IT",
    },
    { to: "/campaigns", label: "Surveys", title: "Survey campaigns and response rates" },
    { to: "/happiness", label: "Happiness", title: "Ticket happiness and lost time, with comment themes" },
    {
      to: "/pain-points",
      label: "Pain points",
      title: "What gets in the business's way: post, vote, triage",
    },
    { to: "/costs", label: "Costs", title: "Cost flow, bills of IT, spend by goal" },
    // The organisation's catalogues and the gaps are IT-side work; a stakeholder's header also
    // carries the unit switcher, so it stays short (the pages still open by address).
    ...(user.role !== "business_stakeholder"
      ? [
          { to: "/people", label: "People" },
          { to: "/it-teams", label: "IT teams" },
          { to: "/gaps", label: "Gaps" },
          { to: "/benchmarks", label: "Benchmarks", title: "Reference figures KPIs are shown against" },
        ]
      : []),
    // Only those who may import get the entry; others who may read the log open it by address.
    ...(session.can("graph:write") ? [{ to: "/imports", label: "Imports", title: "Ticket imports" }] : []),
    ...(session.can("users:manage") ? [{ to: "/admin/users", label: "Users" }] : []),
  ];

  const signOut = async () => {
    await session.signOut();
    navigate("/sign-in", { replace: true });
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <NavLink to="/" className="brand">
          Tandem
        </NavLink>
        <nav aria-label="Main">
          {items.map((item) => (
            <NavLink key={item.to} to={item.to} end={item.end ?? false} title={item.title}>
              {item.label}
            </NavLink>
          ))}
        </nav>
        <div className="who">
          {user.role === "business_stakeholder" ? <UnitSwitcher focus={focus} onChange={setFocus} /> : null}
          <NavLink to="/account" className="user-name" title="Your account and API tokens">
            {user.name}
          </NavLink>
          <span className="role-badge" data-testid="user-role">
            {roleLabels[user.role]}
          </span>
          <ThemeToggle />
          <button type="button" className="secondary" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main className="content" id="main" tabIndex={-1}>
        {/* Keyed by the focus, so every page loads again for the chosen unit. */}
        <Outlet key={focus} />
      </main>
    </div>
  );
};
