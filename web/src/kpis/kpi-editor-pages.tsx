import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { apiRequest } from "../api/api-client.js";
import { useSession } from "../api/session-context.js";
import { useApi } from "../api/use-api.js";
import { LoadingState } from "../components/loading-state.js";
import { KpiForm } from "./kpi-form.js";
import type { KpiAnchorKind } from "./kpi-form-values.js";
import type { Kpi } from "./kpi-types.js";

/** Where a new KPI hangs when the page was opened from a goal, a service or a unit (?goalId=…). */
const anchorOf = (query: URLSearchParams): { kind: KpiAnchorKind; id: string } | undefined => {
  const pairs: [KpiAnchorKind, string | null][] = [
    ["goal", query.get("goalId")],
    ["service", query.get("serviceId")],
    ["unit", query.get("businessUnitId")],
  ];
  const found = pairs.find(([, id]) => id);
  return found ? { kind: found[0], id: found[1] ?? "" } : undefined;
};

const NotAllowedNote = ({ what }: { what: string }) => {
  const session = useSession();
  return session.can("business-graph:write") ? null : (
    <p className="muted">Your role may not {what} KPIs: the server will refuse to save.</p>
  );
};

/** A KPI from scratch; after creating it, its page. */
export const KpiNewPage = () => {
  const navigate = useNavigate();
  const [query] = useSearchParams();
  const anchor = anchorOf(query);
  const back = anchor?.kind === "goal" ? `/goals/${anchor.id}` : "/kpis";
  return (
    <section>
      <p className="breadcrumb">
        <Link to="/kpis">KPIs</Link> /
      </p>
      <NotAllowedNote what="add" />
      <KpiForm
        {...(anchor ? { anchor } : {})}
        onCancel={() => navigate(back)}
        onSaved={(saved) => navigate(`/kpis/${saved.id}`, { state: { notice: "Created the KPI." } })}
      />
    </section>
  );
};

/** Every field of a KPI but where it hangs (PATCH with the ETag it was read with); then back to its page. */
export const KpiEditPage = () => {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const loaded = useApi((signal) => apiRequest<Kpi>("GET", `/api/v1/kpis/${id}`, { signal }), [id]);
  const answer = loaded.data?.data.id === id ? loaded.data : null;
  if (!answer) return <LoadingState loading={loaded.loading} error={loaded.error} what="KPI" />;
  const page = `/kpis/${id}`;
  return (
    <section>
      <p className="breadcrumb">
        <Link to="/kpis">KPIs</Link> / <Link to={page}>{answer.data.name}</Link> /
      </p>
      <NotAllowedNote what="change" />
      <KpiForm
        kpi={answer.data}
        etag={answer.etag}
        onCancel={() => navigate(page)}
        onSaved={() => navigate(page, { state: { notice: "Saved." } })}
      />
    </section>
  );
};
