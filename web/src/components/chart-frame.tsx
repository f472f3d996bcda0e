import { BarChart, GaugeChart, HeatmapChart, LineChart, PieChart, ScatterChart } from "echarts/charts";
import {
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from "echarts/components";
import type { EChartsCoreOption } from "echarts/core";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { type ChartColumn, type ChartRow, csvFileName, csvOf } from "./chart-table.js";
import { effectiveTheme } from "./theme.js";

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  ScatterChart,
  GaugeChart,
  HeatmapChart,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export type { ChartColumn, ChartRow } from "./chart-table.js";

/**
 * Any ECharts chart with the table behind it and a CSV download. Give it the chart's option and
 * the same data as columns and rows; the reader can switch to the table (which screen readers
 * and print always get) and download it.
 *
 *   <ChartFrame title="Incidents by month" option={{ xAxis: …, series: … }}
 *     columns={[{ key: "month", label: "Month" }, { key: "incidents", label: "Incidents", numeric: true }]}
 *     rows={months} />
 */
export const ChartFrame = ({
  title,
  option,
  columns,
  rows,
  height = 320,
  description,
  onItemClick,
}: {
  title: string;
  option: EChartsCoreOption;
  columns: ChartColumn[];
  rows: ChartRow[];
  height?: number;
  /** A sentence under the title: what the chart shows and how to read it. */
  description?: ReactNode;
  /** Called with the clicked data item's index in its series (e.g. to open that service). */
  onItemClick?: (dataIndex: number) => void;
}) => {
  const [showTable, setShowTable] = useState(false);
  const [theme, setTheme] = useState(effectiveTheme);
  const element = useRef<HTMLDivElement>(null);
  const clickRef = useRef(onItemClick);
  clickRef.current = onItemClick;
  const tableId = useId();

  useEffect(() => {
    const follow = () => setTheme(effectiveTheme());
    window.addEventListener("tandem:theme", follow);
    return () => window.removeEventListener("tandem:theme", follow);
  }, []);

  useEffect(() => {
    if (showTable || !element.current) return;
    const chart = echarts.init(element.current, theme === "dark" ? "dark" : null, { renderer: "canvas" });
    chart.setOption({ backgroundColor: "transparent", animation: false, ...option });
    chart.on("click", (params) => {
      if (typeof params.dataIndex === "number") clickRef.current?.(params.dataIndex);
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [option, theme, showTable]);

  const download = () => {
    const blob = new Blob([csvOf(columns, rows)], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = csvFileName(title);
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <figure className="panel chart-frame" aria-label={title}>
      <div className="chart-frame-head">
        <figcaption>
          <h2>{title}</h2>
          {description ? <p className="muted small">{description}</p> : null}
        </figcaption>
        <div className="chart-frame-actions no-print">
          <button
            type="button"
            className="secondary"
            aria-pressed={showTable}
            // Without rows there is no table to point at (an id that does not exist is invalid ARIA).
            aria-controls={rows.length > 0 ? tableId : undefined}
            disabled={rows.length === 0}
            onClick={() => setShowTable((shown) => !shown)}
          >
            {showTable ? "Show chart" : "Show table"}
          </button>
          <button type="button" className="secondary" onClick={download} disabled={rows.length === 0}>
            Download CSV
          </button>
        </div>
      </div>
      {rows.length === 0 ? (
        <p className="muted">No data for this chart in the chosen period.</p>
      ) : showTable ? null : (
        <div
          ref={element}
          className="chart-canvas"
          role="img"
          aria-label={`${title}: chart; the same data is in the table (Show table)`}
          style={{ height: `${height}px` }}
        />
      )}
      {rows.length > 0 ? (
        <div id={tableId} className={showTable ? "chart-table" : "chart-table visually-hidden print-only"}>
          <table className="data-table compact">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.key} scope="col" className={c.numeric ? "numeric" : undefined}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                // Rows of a chart have no identity of their own; their order is the chart's.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above.
                <tr key={index}>
                  {columns.map((c) => {
                    const value = row[c.key];
                    return (
                      <td key={c.key} className={c.numeric ? "numeric" : undefined}>
                        {c.format
                          ? c.format(value)
                          : value === null || value === undefined
                            ? "—"
                            : String(value)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </figure>
  );
};
