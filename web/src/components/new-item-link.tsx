import { Link } from "react-router";
import { useSession } from "../api/session-context.js";
import type { EntityDescription } from "../entities/entity-description.js";

/** "New …" for those allowed to add the entity; nothing for others. */
export const NewItemLink = ({ entity }: { entity: EntityDescription }) => {
  const session = useSession();
  if (!session.can(entity.writePermission)) return null;
  return (
    <Link className="button" to={`/${entity.path}/new`}>
      New {entity.one}
    </Link>
  );
};
