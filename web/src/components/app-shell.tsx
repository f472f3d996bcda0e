import { useState } from "react";
import { NavLink, Outlet, useNavigate } from "react-router";
import { roleLabels } from "../../../src/domain/permissions.js";
import { useSession } from "../api/session-context.js";
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
    { to: "/", label: "Map", title: "Alignment map", end: true },
    { to: "/services", label: "Services" },
    { to: "/goals", label: "Goals" },
    { to: "/capabilities", label: "Capabilities" },
    { to: "/initiatives", label: "Initiatives" },
    { to: "/business-units", label: "Business units" },
    // The organisation's catalogues and the gaps are IT-side work; a stakeholder's header also
    // carries the unit switcher, so it stays short (the pages still open by address).
    ...(user.role !== "business_stakeholder"
      ? [
          { to: "/people", label: "People" },
          { to: "/it-teams", label: "IT teams" },
          { to: "/gaps", label: "Gaps" },
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
          <button type="button" className="secondary" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main className="content">
        {/* Keyed by the focus, so every page loads again for the chosen unit. */}
        <Outlet key={focus} />
      </main>
    </div>
  );
};
