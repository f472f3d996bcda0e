import { GraphChart, type GraphSeriesOption } from "echarts/charts";
import {
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";
import type { AlignmentMap } from "../api/api-types.js";

echarts.use([GraphChart, LegendComponent, TooltipComponent, CanvasRenderer]);

type ChartOption = echarts.ComposeOption<GraphSeriesOption | LegendComponentOption | TooltipComponentOption>;
type MapNode = AlignmentMap["nodes"][number];
type Kind = MapNode["kind"];

/** Columns left to right: units own goals; capabilities serve goals; services support capabilities. */
export const mapColumns: { kind: Kind; label: string; one: string; color: string }[] = [
  { kind: "unit", label: "Business units", one: "business unit", color: "#7c3aed" },
  { kind: "goal", label: "Goals", one: "goal", color: "#0f766e" },
  { kind: "capability", label: "Capabilities", one: "capability", color: "#c2410c" },
  { kind: "service", label: "Services", one: "service", color: "#1d4ed8" },
];
const columnX: Record<Kind, number> = { unit: 0, goal: 1, capability: 2, service: 3 };

const edgeStyles: Record<
  AlignmentMap["edges"][number]["kind"],
  { type: "solid" | "dashed"; opacity: number }
> = {
  owns: { type: "solid", opacity: 0.55 },
  serves: { type: "solid", opacity: 0.55 },
  supports: { type: "solid", opacity: 0.55 },
  consumes: { type: "dashed", opacity: 0.2 },
  "depends-on": { type: "dashed", opacity: 0.45 },
};

/** Mean row of a node's neighbours in the column to its left; nodes without any go last. */
const barycentre = (id: string, neighbours: Map<string, string[]>, rows: Map<string, number>): number => {
  const placed = (neighbours.get(id) ?? []).map((n) => rows.get(n)).filter((r) => r !== undefined);
  return placed.length === 0 ? Number.POSITIVE_INFINITY : placed.reduce((a, b) => a + b, 0) / placed.length;
};

/**
 * Row of every node in its column, chosen to keep lines short: units by name, goals in cascade order
 * near their owning unit, capabilities near the goals they serve, services near the capabilities they support.
 */
const rowsOf = (map: AlignmentMap): Map<string, number> => {
  const rows = new Map<string, number>();
  const neighbours = new Map<string, string[]>();
  const link = (a: string, b: string) => neighbours.set(a, [...(neighbours.get(a) ?? []), b]);
  for (const e of map.edges) {
    if (e.kind === "owns" || e.kind === "serves" || e.kind === "supports") {
      // owns: unit → goal; serves: capability → goal; supports: service → capability.
      if (e.kind === "owns") link(e.to, e.from);
      else link(e.from, e.to);
    }
  }
  const place = (nodes: MapNode[]) => {
    nodes.forEach((n, index) => {
      rows.set(n.id, index);
    });
  };
  const byKind = (kind: Kind) => map.nodes.filter((n) => n.kind === kind);
  const sortNear = (nodes: MapNode[]) =>
    nodes
      .map((n) => ({ n, at: barycentre(n.id, neighbours, rows) }))
      .sort((a, b) => a.at - b.at || a.n.name.localeCompare(b.n.name))
      .map((x) => x.n);

  place([...byKind("unit")].sort((a, b) => a.name.localeCompare(b.name)));

  // Goals: each cascade stays together, children under their parent.
  const goals = byKind("goal");
  const goalIds = new Set(goals.map((g) => g.id));
  const cascade: MapNode[] = [];
  const visit = (siblings: MapNode[]) => {
    for (const g of sortNear(siblings)) {
      cascade.push(g);
      visit(goals.filter((c) => c.parentId === g.id));
    }
  };
  visit(goals.filter((g) => g.parentId === null || !goalIds.has(g.parentId)));
  place(cascade);
  place(sortNear(byKind("capability")));
  place(sortNear(byKind("service")));
  return rows;
};

const optionOf = (map: AlignmentMap): ChartOption => {
  const spacing = 56;
  const rows = rowsOf(map);
  const nodes = mapColumns.flatMap((column) => {
    const inColumn = map.nodes.filter((n) => n.kind === column.kind);
    return inColumn.map((n) => ({
      id: n.id,
      name: n.name,
      category: columnX[n.kind],
      x: columnX[n.kind] * 320,
      y: (rows.get(n.id) ?? 0) * spacing,
      symbolSize: n.kind === "service" ? 16 : 14,
      value: n.kind === "goal" && n.level ? `${n.level} goal` : column.one,
      kind: n.kind,
      cursor: n.kind === "service" || n.kind === "goal" ? "pointer" : "default",
      label: { position: n.kind === "service" ? ("right" as const) : ("left" as const) },
    }));
  });
  const present = new Set(nodes.map((n) => n.id));
  // Consumption (unit → service) would cross the whole map; the service page shows it instead.
  const links = map.edges
    .filter((e) => e.kind !== "consumes" && present.has(e.from) && present.has(e.to))
    .map((e) => ({
      source: e.from,
      target: e.to,
      value: e.value ?? undefined,
      kindLabel: e.kind,
      lineStyle: { ...edgeStyles[e.kind], curveness: e.kind === "depends-on" ? 0.3 : 0 },
    }));
  return {
    tooltip: {
      formatter: (p) => {
        const item = p as unknown as {
          dataType: string;
          data: { name?: string; value?: unknown; kindLabel?: string };
        };
        if (item.dataType === "edge") {
          return `${item.data.kindLabel}${item.data.value !== undefined ? ` (${item.data.value})` : ""}`;
        }
        return `${item.data.name} <br/><small>${String(item.data.value ?? "")}</small>`;
      },
    },
    legend: {
      top: 0,
      data: mapColumns.map((c) => c.label),
    },
    animation: false,
    series: [
      {
        type: "graph",
        layout: "none",
        roam: true,
        top: 50,
        bottom: 20,
        left: 180,
        right: 200,
        edgeSymbol: ["none", "arrow"],
        edgeSymbolSize: 6,
        label: { show: true, fontSize: 12, color: "#1f2937" },
        emphasis: { focus: "adjacency" },
        categories: mapColumns.map((c) => ({ name: c.label, itemStyle: { color: c.color } })),
        data: nodes,
        links,
      },
    ],
  };
};

/** The alignment graph as an ECharts graph, one column per kind; clicking a service or goal opens it. */
export const AlignmentChart = ({
  map,
  onOpen,
}: {
  map: AlignmentMap;
  onOpen: (kind: "service" | "goal", id: string) => void;
}) => {
  const element = useRef<HTMLDivElement>(null);
  const openRef = useRef(onOpen);
  openRef.current = onOpen;

  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, null, { renderer: "canvas" });
    chart.on("click", (params) => {
      const data = params.data as { id?: string; kind?: Kind } | undefined;
      if (params.dataType !== "node" || !data?.id) return;
      if (data.kind === "service" || data.kind === "goal") openRef.current(data.kind, data.id);
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current);
    chart.setOption(optionOf(map));
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [map]);

  const rows = Math.max(1, ...mapColumns.map((c) => map.nodes.filter((n) => n.kind === c.kind).length));
  return (
    <div
      ref={element}
      className="alignment-chart"
      data-testid="alignment-chart"
      style={{ height: `${Math.min(1600, Math.max(360, rows * 56 + 90))}px` }}
    />
  );
};
