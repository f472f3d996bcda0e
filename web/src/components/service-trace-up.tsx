import { Link } from "react-router";
import type { TraceUp } from "../api/api-types.js";

const percent = (share: number | null) => (share === null ? "—" : `${share}%`);

/** What a service is for: the capabilities it supports, the goals they serve, the units that use it. */
export const ServiceTraceUp = ({ trace }: { trace: TraceUp }) => (
  <section className="panel" data-testid="trace-up">
    <h2>Serves</h2>
    <h3>Goals</h3>
    {trace.goals.length === 0 ? (
      <p className="muted">This service serves no goal yet.</p>
    ) : (
      <ul className="plain-list">
        {trace.goals.map((g) => (
          <li key={g.id}>
            <Link to={`/goals/${g.id}`}>{g.name}</Link> <span className="tag">{g.level}</span>{" "}
            <span className="muted">weight {g.pathWeight.toFixed(2)}</span>
          </li>
        ))}
      </ul>
    )}
    <h3>Business units</h3>
    {trace.businessUnits.length === 0 ? (
      <p className="muted">No business unit consumes or relies on this service.</p>
    ) : (
      <ul className="plain-list">
        {trace.businessUnits.map((u) => (
          <li key={u.id}>
            {u.name} <span className="muted">consumption share {percent(u.consumesShare)}</span>
          </li>
        ))}
      </ul>
    )}
    <h3>Capabilities supported</h3>
    {trace.capabilities.length === 0 ? (
      <p className="muted">None.</p>
    ) : (
      <ul className="plain-list">
        {trace.capabilities.map((c) => (
          <li key={c.id}>
            {c.name} <span className="muted">strength {c.strength}</span>
          </li>
        ))}
      </ul>
    )}
  </section>
);
