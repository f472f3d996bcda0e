import { Link } from "react-router";
import { apiGet } from "../api/api-client.js";
import type { AlignmentGaps } from "../api/api-types.js";
import { useSession } from "../api/session-context.js";
import { useApi } from "../api/use-api.js";
import { LoadingState } from "../components/loading-state.js";
import { NotAllowed } from "../components/not-allowed.js";

type Ref = { id: string; name: string };

const GapList = ({
  title,
  hint,
  items,
  linkTo,
}: {
  title: string;
  hint: string;
  items: Ref[];
  linkTo?: (id: string) => string;
}) => (
  <section className="panel gap">
    <h2>
      {title} <span className={items.length === 0 ? "count ok" : "count"}>{items.length}</span>
    </h2>
    <p className="muted small">{hint}</p>
    {items.length === 0 ? (
      <p className="muted">None.</p>
    ) : (
      <ul className="plain-list">
        {items.map((i) => (
          <li key={i.id}>{linkTo ? <Link to={linkTo(i.id)}>{i.name}</Link> : i.name}</li>
        ))}
      </ul>
    )}
  </section>
);

/** Where the graph does not hold together: the six kinds of alignment gap. */
export const GapsPage = () => {
  const { me } = useSession();
  const allowed = me?.user.role !== "business_stakeholder";
  const gaps = useApi(allowed ? (signal) => apiGet<AlignmentGaps>("/api/v1/graph/gaps", signal) : null, [
    allowed,
  ]);
  if (!allowed) return <NotAllowed what="alignment gaps" />;
  if (!gaps.data) return <LoadingState loading={gaps.loading} error={gaps.error} what="alignment gaps" />;
  const g = gaps.data;
  const service = (id: string) => `/services/${id}`;
  return (
    <section>
      <div className="page-head">
        <h1>Alignment gaps</h1>
      </div>
      <div className="gap-grid">
        <GapList
          title="Services serving no goal"
          hint="They support no capability that serves a goal."
          items={g.servicesServingNoGoal}
          linkTo={service}
        />
        <GapList
          title="Goals without a service"
          hint="No IT service supports them through a capability."
          items={g.goalsWithoutService}
          linkTo={(id) => `/goals/${id}`}
        />
        <GapList
          title="Capabilities without an owner"
          hint="No business unit owns them."
          items={g.capabilitiesWithoutOwner}
        />
        <GapList
          title="Consumed services without an SLA"
          hint="Business units use them, but no SLA target is set."
          items={g.consumedServicesWithoutSla}
          linkTo={service}
        />
        <GapList
          title="Services without a business owner"
          hint="Nobody on the business side answers for them."
          items={g.servicesWithoutBusinessOwner}
          linkTo={service}
        />
        <section className="panel gap">
          <h2>
            Weights not adding up{" "}
            <span className={g.weightsNotAddingUp.length === 0 ? "count ok" : "count"}>
              {g.weightsNotAddingUp.length}
            </span>
          </h2>
          <p className="muted small">Shares and weights that should total 100%.</p>
          {g.weightsNotAddingUp.length === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <ul className="plain-list">
              {g.weightsNotAddingUp.map((w) => (
                <li key={`${w.kind}:${w.item.id}`}>
                  {w.item.name}{" "}
                  <span className="muted">
                    {w.kind}: {w.total}%
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </section>
  );
};
