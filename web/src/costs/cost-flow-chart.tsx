import { SankeyChart, type SankeySeriesOption } from "echarts/charts";
import { TooltipComponent, type TooltipComponentOption } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";
import type { CostFlowDiagram } from "../../../src/domain/schemas/cost-model.js";
import { formatEuros } from "../components/locale-format.js";

echarts.use([SankeyChart, TooltipComponent, CanvasRenderer]);

type ChartOption = echarts.ComposeOption<SankeySeriesOption | TooltipComponentOption>;

const colours: Record<CostFlowDiagram["nodes"][number]["kind"], string> = {
  pool: "#64748b",
  tower: "#c2410c",
  service: "#1d4ed8",
  unit: "#7c3aed",
  unallocated: "#b91c1c",
};

/**
 * The month's money as a sankey: pools → towers → services → business units, and what stayed
 * unallocated in red. Credits (negative flows) cannot be drawn as bands and are left out of the
 * picture; the tables beside it carry every cent.
 */
export const CostFlowChart = ({ diagram }: { diagram: CostFlowDiagram }) => {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, null, { renderer: "canvas" });
    const names = new Map(diagram.nodes.map((n) => [n.node, n]));
    const links = diagram.flows.filter((f) => f.cents > 0);
    const used = new Set(links.flatMap((l) => [l.from, l.to]));
    const option: ChartOption = {
      // Drawn at once: a printed or captured page shows the whole flow, not a frame of the animation.
      animation: false,
      tooltip: {
        trigger: "item",
        formatter: (p) => {
          const d = (p as { data: { source?: string; target?: string; value?: number; name?: string } }).data;
          const label = (id: string | undefined) => names.get(id ?? "")?.name ?? id ?? "";
          return d.source
            ? `${label(d.source)} → ${label(d.target)}: ${formatEuros(d.value ?? 0)}`
            : `${label(d.name)}`;
        },
      },
      series: [
        {
          type: "sankey",
          layoutIterations: 32,
          nodeGap: 4,
          emphasis: { focus: "adjacency" },
          label: { formatter: (p) => names.get(String(p.name))?.name ?? String(p.name), fontSize: 10 },
          data: diagram.nodes
            .filter((n) => used.has(n.node))
            .map((n) => ({ name: n.node, itemStyle: { color: colours[n.kind] } })),
          links: links.map((l) => ({ source: l.from, target: l.to, value: l.cents })),
          lineStyle: { color: "gradient", opacity: 0.35 },
        },
      ],
    };
    chart.setOption(option);
    // Resized on the next frame: resizing inside the observer's callback can end in a
    // "ResizeObserver loop" error when the chart's own size change triggers it again.
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => chart.resize());
    });
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      chart.dispose();
    };
  }, [diagram]);
  const units = diagram.nodes.filter((n) => n.kind === "unit" || n.kind === "service").length;
  return (
    <div
      ref={element}
      className="cost-flow-chart"
      data-testid="cost-flow-chart"
      role="img"
      aria-label="Cost flow from pools through towers and services to business units"
      style={{ height: `${Math.min(1400, Math.max(420, units * 14))}px` }}
    />
  );
};
