/** Marks an archived item (it has left the lists but keeps its links). */
export const ArchivedBadge = ({ archivedAt }: { archivedAt: string | null | undefined }) =>
  archivedAt ? (
    <span className="archived-badge" title={`Archived on ${archivedAt.slice(0, 10)}`}>
      Archived
    </span>
  ) : null;
