import type { TicketType } from "../schemas/ticket.js";
import type { DurationHistogram } from "./duration-histogram.js";

/** Sums of rollup rows for one slice of tickets (columns of `ticket_rollup`, by type). */
export interface RollupSums {
  opened: number;
  openNow: number;
  causedByChange: number;
  acknowledged: number;
  ackSeconds: number;
  leftBacklog: number;
  resolved: number;
  resolveSeconds: number;
  resolveServiceSeconds: number;
  reopened: number;
  firstContact: number;
  slaTotal: number;
  slaMet: number;
  changesClosed: number;
  changesSuccessful: number;
  fulfilled: number;
  fulfilSeconds: number;
}

export const rollupColumns = [
  "opened",
  "openNow",
  "causedByChange",
  "acknowledged",
  "ackSeconds",
  "leftBacklog",
  "resolved",
  "resolveSeconds",
  "resolveServiceSeconds",
  "reopened",
  "firstContact",
  "slaTotal",
  "slaMet",
  "changesClosed",
  "changesSuccessful",
  "fulfilled",
  "fulfilSeconds",
] as const satisfies readonly (keyof RollupSums)[];

export const emptySums = (): RollupSums =>
  Object.fromEntries(rollupColumns.map((c) => [c, 0])) as unknown as RollupSums;

export const addSums = (a: RollupSums, b: RollupSums): RollupSums =>
  Object.fromEntries(rollupColumns.map((c) => [c, a[c] + b[c]])) as unknown as RollupSums;

export type SumsByType = Record<TicketType, RollupSums>;

export const emptySumsByType = (): SumsByType => ({
  incident: emptySums(),
  request: emptySums(),
  change: emptySums(),
  problem: emptySums(),
});

export type HistogramMeasure = "resolve" | "resolve_service" | "fulfil";

/** Everything the scorecard needs from the rollups of one slice. */
export interface SliceTotals {
  byType: SumsByType;
  /** Incident resolution times, wall clock and within service hours; request fulfilment times. */
  histograms: Record<HistogramMeasure, DurationHistogram>;
  /** Set when the percentiles are over a wider period than asked (the whole months it touches). */
  percentilesOver?: { from: string; to: string } | null;
}
