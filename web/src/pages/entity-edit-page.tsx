import { Link, useNavigate, useParams } from "react-router";
import { apiRequest } from "../api/api-client.js";
import { useSession } from "../api/session-context.js";
import { useApi } from "../api/use-api.js";
import { EntityForm, type Stored } from "../components/entity-form.js";
import { LoadingState } from "../components/loading-state.js";
import type { EntityDescription } from "../entities/entity-description.js";

/** Edits an item of any entity (PATCH with the ETag it was read with); then back to its page. */
export const EntityEditPage = ({ entity }: { entity: EntityDescription }) => {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const session = useSession();
  const loaded = useApi(
    (signal) => apiRequest<Stored & { name: string }>("GET", `/api/v1/${entity.path}/${id}`, { signal }),
    [entity.path, id],
  );
  const answer = loaded.data?.data.id === id ? loaded.data : null;
  if (!answer) return <LoadingState loading={loaded.loading} error={loaded.error} what={entity.one} />;
  const detail = `/${entity.path}/${id}`;
  return (
    <section>
      <p className="breadcrumb">
        <Link to={`/${entity.path}`}>{entity.title}</Link> / <Link to={detail}>{answer.data.name}</Link> /
      </p>
      {session.can(entity.writePermission) ? null : (
        <p className="muted">Your role may not change {entity.many}: the server will refuse to save.</p>
      )}
      <EntityForm
        entity={entity}
        item={answer.data}
        etag={answer.etag}
        onCancel={() => navigate(detail)}
        onSaved={() => navigate(detail, { state: { notice: "Saved." } })}
      />
    </section>
  );
};
