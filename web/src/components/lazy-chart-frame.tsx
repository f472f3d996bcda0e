import { type ComponentProps, lazy, Suspense } from "react";
import type { ChartFrame as ChartFrameType } from "./chart-frame.js";

const ChartFrameLoaded = lazy(async () => ({ default: (await import("./chart-frame.js")).ChartFrame }));

/**
 * ChartFrame without ECharts in the page's own chunk: the page draws at once and the chart follows
 * when ECharts (~60 kB gzip) has arrived. Use it on pages that must be quick to show (home pages);
 * same props as ChartFrame.
 */
export const LazyChartFrame = (props: ComponentProps<typeof ChartFrameType>) => (
  <Suspense
    fallback={
      <figure className="panel chart-frame" aria-label={props.title} aria-busy="true">
        <h2>{props.title}</h2>
        <div className="chart-canvas chart-placeholder" style={{ height: `${props.height ?? 320}px` }} />
      </figure>
    }
  >
    <ChartFrameLoaded {...props} />
  </Suspense>
);
