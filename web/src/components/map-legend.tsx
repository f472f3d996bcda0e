import type { AlignmentMap } from "../api/api-types.js";
import { mapColumns } from "./alignment-chart.js";

/** What the map holds: one swatch and count per kind, and the number of links. */
export const MapLegend = ({ map }: { map: AlignmentMap }) => (
  <ul className="map-legend" data-testid="map-legend">
    {mapColumns.map((c) => {
      const count = map.nodes.filter((n) => n.kind === c.kind).length;
      return (
        <li key={c.kind}>
          <span className="swatch" style={{ background: c.color }} />
          {count} {count === 1 ? c.one : c.label.toLowerCase()}
        </li>
      );
    })}
    <li className="muted">{map.edges.length} links</li>
  </ul>
);
