import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { apiRequest, ProblemError } from "../api/api-client.js";
import { useSession } from "../api/session-context.js";
import type { EntityDescription } from "../entities/entity-description.js";
import { ProblemMessage } from "./problem-message.js";
import { ReferrerList } from "./referrer-list.js";

/**
 * Edit, Archive / Restore and Delete for writers; a refusal in the server's words, with the
 * referrers it lists (delete is refused while anything refers to the item).
 */
export const EntityActions = ({
  entity,
  item,
  onChanged,
  editTo,
  onEdit,
}: {
  entity: EntityDescription;
  item: { id: string; name?: unknown; archivedAt: string | null };
  onChanged: () => void;
  /** Where Edit goes; defaults to /{path}/{id}/edit. */
  editTo?: string;
  /** Instead of a link: what Edit does (the service page edits in place). */
  onEdit?: () => void;
}) => {
  const session = useSession();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ProblemError | null>(null);
  if (!session.can(entity.writePermission)) return null;
  const base = `/api/v1/${entity.path}/${item.id}`;

  const run = async (method: "POST" | "DELETE", url: string, after: () => void) => {
    setBusy(true);
    setError(null);
    try {
      await apiRequest(method, url);
      after();
    } catch (reason) {
      if (reason instanceof ProblemError) setError(reason);
      else throw reason;
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <div className="entity-actions">
      <div className="actions">
        {onEdit ? (
          <button type="button" onClick={onEdit}>
            Edit
          </button>
        ) : (
          <Link className="button" to={editTo ?? `/${entity.path}/${item.id}/edit`}>
            Edit
          </Link>
        )}
        {item.archivedAt ? (
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => run("POST", `${base}/restore`, onChanged)}
          >
            Restore
          </button>
        ) : (
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => run("POST", `${base}/archive`, onChanged)}
          >
            Archive
          </button>
        )}
        {confirming ? (
          <>
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() => run("DELETE", base, () => navigate(`/${entity.path}`, { replace: true }))}
            >
              Delete for good
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </>
        ) : (
          <button type="button" className="danger" disabled={busy} onClick={() => setConfirming(true)}>
            Delete…
          </button>
        )}
      </div>
      {error ? <ProblemMessage error={error} /> : null}
      {error?.problem.items && error.problem.items.length > 0 ? (
        <ReferrerList items={error.problem.items} />
      ) : null}
    </div>
  );
};
