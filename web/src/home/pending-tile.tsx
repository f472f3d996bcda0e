import type { ReactNode } from "react";
import { Tile } from "./tile.js";

/** A tile whose data this Tandem does not collect yet: what it will show, and how to start. */
export const PendingTile = ({
  title,
  to,
  linkLabel,
  testId,
  children,
}: {
  title: string;
  to: string;
  linkLabel: string;
  testId: string;
  children: ReactNode;
}) => (
  <Tile
    title={title}
    to={to}
    linkLabel={linkLabel}
    loading={false}
    error={null}
    testId={testId}
    empty={<p>{children}</p>}
  />
);
