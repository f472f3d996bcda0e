import { z } from "zod";
import { name } from "./common.js";

export const benchmarkValue = z.object({
  name,
  source: z.string().trim().min(1, "must name its source").max(300),
  value: z.number(),
  unit: z.string().trim().min(1).max(40),
  year: z.number().int().min(1950).max(2100),
  /** The KPI template this figure compares with, when there is one. */
  templateKey: z.string().max(80).nullable().default(null),
});
export type BenchmarkValue = z.infer<typeof benchmarkValue>;

export const benchmarkSetInput = z.object({ name, values: z.array(benchmarkValue).min(1).max(500) });
export type BenchmarkSetInput = z.input<typeof benchmarkSetInput>;
export const benchmarkSet = z.object({
  id: z.string(),
  name: z.string(),
  shipped: z.boolean(),
  values: z.array(benchmarkValue),
});
export type BenchmarkSet = z.infer<typeof benchmarkSet>;
