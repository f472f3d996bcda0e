import type { ReactNode } from "react";
import { Link, useLocation, useParams } from "react-router";
import { apiGet } from "../api/api-client.js";
import { useApi } from "../api/use-api.js";
import { ArchivedBadge } from "../components/archived-badge.js";
import { EntityActions } from "../components/entity-actions.js";
import { EntityFacts } from "../components/entity-facts.js";
import { LoadingState } from "../components/loading-state.js";
import type { EntityDescription } from "../entities/entity-description.js";

interface Item {
  id: string;
  name: string;
  archivedAt: string | null;
  [field: string]: unknown;
}

/** One item of any entity: its facts, Edit / Archive / Restore / Delete for writers, and extra sections. */
export const EntityDetailPage = ({
  entity,
  children,
}: {
  entity: EntityDescription;
  /** Sections below the facts (e.g. the links the item has). */
  children?: (item: Item) => ReactNode;
}) => {
  const { id = "" } = useParams();
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice;
  const loaded = useApi((signal) => apiGet<Item>(`/api/v1/${entity.path}/${id}`, signal), [entity.path, id]);
  const item = loaded.data?.id === id ? loaded.data : null;
  if (!item) return <LoadingState loading={loaded.loading} error={loaded.error} what={entity.one} />;
  return (
    <section>
      <p className="breadcrumb">
        <Link to={`/${entity.path}`}>{entity.title}</Link> /
      </p>
      <div className="page-head">
        <h1>{item.name}</h1>
        <ArchivedBadge archivedAt={item.archivedAt} />
      </div>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <EntityActions entity={entity} item={item} onChanged={loaded.reload} />
      <section className="panel">
        <EntityFacts entity={entity} item={item} />
      </section>
      {children ? children(item) : null}
    </section>
  );
};
