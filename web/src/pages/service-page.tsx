import { useEffect, useState } from "react";
import { Link, useLocation, useParams } from "react-router";
import { apiGet, apiRequest } from "../api/api-client.js";
import type { ItService, OutageImpact, TraceUp } from "../api/api-types.js";
import { useApi } from "../api/use-api.js";
import { ArchivedBadge } from "../components/archived-badge.js";
import { EntityActions } from "../components/entity-actions.js";
import { LoadingState } from "../components/loading-state.js";
import { OutageImpactPanel } from "../components/outage-impact-panel.js";
import { ServiceEditForm } from "../components/service-edit-form.js";
import { ServiceLinks } from "../components/service-links.js";
import { ServiceTraceUp } from "../components/service-trace-up.js";
import { serviceEntity } from "../entities/services.js";
import { ServicePerformance } from "../metrics/service-performance.js";

/** One service: its facts, what it serves, what an outage costs, and (for IT) its edit form. */
export const ServicePage = () => {
  const { id = "" } = useParams();
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const loaded = useApi((signal) => apiRequest<ItService>("GET", `/api/v1/services/${id}`, { signal }), [id]);
  const trace = useApi((signal) => apiGet<TraceUp>(`/api/v1/graph/services/${id}/trace-up`, signal), [id]);
  const impact = useApi(
    (signal) => apiGet<OutageImpact>(`/api/v1/graph/services/${id}/outage-impact`, signal),
    [id],
  );
  const [service, setService] = useState<{ item: ItService; etag: string | null } | null>(null);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (loaded.data) setService({ item: loaded.data.data, etag: loaded.data.etag });
  }, [loaded.data]);

  if (!service || service.item.id !== id) {
    return <LoadingState loading={loaded.loading} error={loaded.error} what="service" />;
  }
  const s = service.item;

  return (
    <section>
      <p className="breadcrumb">
        <Link to="/services">Service catalogue</Link> /
      </p>
      <div className="page-head">
        <h1>{s.name}</h1>
        <ArchivedBadge archivedAt={s.archivedAt} />
      </div>
      {editing ? null : (
        <EntityActions
          entity={serviceEntity}
          item={s}
          onChanged={loaded.reload}
          onEdit={() => {
            setEditing(true);
            setSaved(false);
          }}
        />
      )}
      {notice && !saved ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {saved ? (
        <p className="notice" role="status">
          Saved.
        </p>
      ) : null}
      {editing ? (
        <ServiceEditForm
          service={s}
          etag={service.etag}
          onCancel={() => setEditing(false)}
          onSaved={(item, etag) => {
            setService({ item, etag });
            setEditing(false);
            setSaved(true);
            trace.reload();
            impact.reload();
          }}
        />
      ) : (
        <section className="panel">
          <p className="description" data-testid="service-description">
            {s.description || <span className="muted">No description.</span>}
          </p>
          <dl className="facts">
            <dt>Tier</dt>
            <dd>{s.criticalityTier}</dd>
            <dt>Lifecycle</dt>
            <dd>{s.lifecycleStatus}</dd>
            <dt>Availability target</dt>
            <dd>{s.availabilityTarget === null ? "—" : `${s.availabilityTarget}%`}</dd>
            <dt>SLA targets</dt>
            <dd>
              {s.slaTargets.length === 0
                ? "—"
                : s.slaTargets
                    .map(
                      (t) =>
                        `P${t.priority}: respond ${Math.round(t.responseSeconds / 60)} min, resolve ${Math.round(t.resolutionSeconds / 3600)} h`,
                    )
                    .join("; ")}
            </dd>
            <dt>Known as</dt>
            <dd>
              {s.aliases.length === 0 ? "—" : s.aliases.map((a) => `${a.value} (${a.kind})`).join(", ")}
            </dd>
          </dl>
        </section>
      )}
      <ServicePerformance serviceId={s.id} />
      <ServiceLinks serviceId={s.id} />
      <div className="columns">
        {trace.data ? (
          <ServiceTraceUp trace={trace.data} />
        ) : (
          <LoadingState loading={trace.loading} error={trace.error} what="trace to goals" />
        )}
        {impact.data ? (
          <OutageImpactPanel impact={impact.data} />
        ) : (
          <LoadingState loading={impact.loading} error={impact.error} what="outage impact" />
        )}
      </div>
    </section>
  );
};
