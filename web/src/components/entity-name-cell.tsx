import { Link } from "react-router";
import { ArchivedBadge } from "./archived-badge.js";

/** A list row's name, linked to the item's page, marked when archived. */
export const EntityNameCell = ({
  path,
  item,
}: {
  path: string;
  item: { id: string; name: string; archivedAt: string | null };
}) => (
  <>
    <Link to={`/${path}/${item.id}`}>{item.name}</Link> <ArchivedBadge archivedAt={item.archivedAt} />
  </>
);
