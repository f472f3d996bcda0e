import { z } from "zod";
import { id, isoDate } from "./common.js";

export const measurementInput = z.object({
  measuredOn: isoDate,
  /** Bounded so that sums over a period stay exact and finite. */
  value: z.number({ error: "expected a number" }).min(-1e15, "at least -1e15").max(1e15, "at most 1e15"),
});
export type MeasurementInput = z.infer<typeof measurementInput>;

export const measurement = z.object({
  kpiId: id,
  measuredOn: isoDate,
  value: z.number(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  origin: z.enum(["manual", "import"]),
});
export type Measurement = z.infer<typeof measurement>;

export const measurementImportResult = z.object({
  inserted: z.number().int(),
  kpis: z.array(z.object({ kpiId: id, name: z.string(), rows: z.number().int() })),
});
export type MeasurementImportResult = z.infer<typeof measurementImportResult>;
