import { Link } from "react-router";
import type { OutageImpact } from "../api/api-types.js";
import { formatCount, formatEuros } from "./euros.js";

/** What an hour without the service costs and whom it hits. */
export const OutageImpactPanel = ({ impact }: { impact: OutageImpact }) => {
  const dependents = impact.impactedServices.filter((s) => s.id !== impact.service.id);
  return (
    <section className="panel" data-testid="outage-impact">
      <h2>If it goes down</h2>
      <dl className="figures">
        <div>
          <dt>Cost per hour</dt>
          <dd data-testid="outage-cost">{formatEuros(impact.costPerHourCents)}</dd>
        </div>
        <div>
          <dt>Users affected</dt>
          <dd data-testid="outage-users">
            {impact.usersAtLeast === impact.usersAtMost
              ? formatCount(impact.usersAtLeast)
              : `${formatCount(impact.usersAtLeast)} to ${formatCount(impact.usersAtMost)}`}
          </dd>
        </div>
      </dl>
      <p className="muted small">
        Users: at least {formatCount(impact.usersAtLeast)}, at most {formatCount(impact.usersAtMost)}{" "}
        (capabilities may share users).
      </p>
      <h3>Impacted capabilities</h3>
      {impact.capabilities.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <table className="data-table compact">
          <thead>
            <tr>
              <th>Capability</th>
              <th className="numeric">Users</th>
              <th className="numeric">Cost per hour</th>
            </tr>
          </thead>
          <tbody>
            {impact.capabilities.map((c) => (
              <tr key={c.id}>
                <td>{c.name}</td>
                <td className="numeric">{formatCount(c.users)}</td>
                <td className="numeric">{formatEuros(c.costPerHourCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dependents.length > 0 ? (
        <>
          <h3>Services that go down with it</h3>
          <ul className="plain-list">
            {dependents.map((s) => (
              <li key={s.id}>
                <Link to={`/services/${s.id}`}>{s.name}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {impact.businessUnits.length > 0 ? (
        <>
          <h3>Business units hit</h3>
          <p>{impact.businessUnits.map((u) => u.name).join(", ")}</p>
        </>
      ) : null}
    </section>
  );
};
