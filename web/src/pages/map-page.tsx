import { useNavigate } from "react-router";
import { apiGet } from "../api/api-client.js";
import type { AlignmentMap } from "../api/api-types.js";
import { useApi } from "../api/use-api.js";
import { AlignmentChart } from "../components/alignment-chart.js";
import { LoadingState } from "../components/loading-state.js";
import { MapLegend } from "../components/map-legend.js";

/** The alignment graph: business units → goals ← capabilities ← services. */
export const MapPage = () => {
  const navigate = useNavigate();
  const { data, error, loading, reload } = useApi(
    (signal) => apiGet<AlignmentMap>("/api/v1/graph/map", signal),
    [],
  );
  return (
    <section>
      <div className="page-head">
        <h1>Alignment map</h1>
        <p className="muted">
          Business units own goals; capabilities serve goals; IT services support capabilities.
        </p>
      </div>
      <LoadingState loading={loading && !data} error={error} what="alignment map" retry={reload} />
      {data ? (
        <>
          <MapLegend map={data} />
          {data.nodes.length === 0 ? (
            <p className="muted">The map is empty: add business units, goals, capabilities and services.</p>
          ) : (
            <AlignmentChart
              map={data}
              onOpen={(kind, id) => navigate(kind === "service" ? `/services/${id}` : `/goals/${id}`)}
            />
          )}
          <p className="muted small">Click a service or a goal to open it. Drag to pan, scroll to zoom.</p>
        </>
      ) : null}
    </section>
  );
};
