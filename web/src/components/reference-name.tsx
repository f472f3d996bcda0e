import { Link } from "react-router";
import { apiGet } from "../api/api-client.js";
import { useApi } from "../api/use-api.js";

/** The name of another entity, linked to its page; loaded by id. */
export const ReferenceName = ({ path, id }: { path: string; id: string | null }) => {
  const item = useApi(id ? (signal) => apiGet<{ name: string }>(`/api/v1/${path}/${id}`, signal) : null, [
    path,
    id,
  ]);
  if (!id) return <span className="muted">—</span>;
  if (item.error) return <span className="muted">not visible to you</span>;
  if (!item.data) return <span className="muted">…</span>;
  return <Link to={`/${path}/${id}`}>{item.data.name}</Link>;
};
