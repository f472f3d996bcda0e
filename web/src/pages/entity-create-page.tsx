import { Link, useNavigate } from "react-router";
import { useSession } from "../api/session-context.js";
import { EntityForm } from "../components/entity-form.js";
import type { EntityDescription } from "../entities/entity-description.js";

/** A new item of any entity; after creating it, its page. */
export const EntityCreatePage = ({ entity }: { entity: EntityDescription }) => {
  const navigate = useNavigate();
  const session = useSession();
  return (
    <section>
      <p className="breadcrumb">
        <Link to={`/${entity.path}`}>{entity.title}</Link> /
      </p>
      {session.can(entity.writePermission) ? null : (
        <p className="muted">Your role may not add {entity.many}: the server will refuse to save.</p>
      )}
      <EntityForm
        entity={entity}
        onCancel={() => navigate(`/${entity.path}`)}
        onSaved={(saved) =>
          navigate(`/${entity.path}/${saved.id}`, { state: { notice: `Created the ${entity.one}.` } })
        }
      />
    </section>
  );
};
