import { useMemo } from "react";
import { useApi } from "../api/use-api.js";
import { ChartFrame } from "../components/chart-frame.js";
import { LoadingState } from "../components/loading-state.js";
import { formatPercent, formatWholeEuros } from "../components/locale-format.js";
import { getSeries, type MetricSeries, type MetricsSlice } from "./metrics-api.js";

const monthLabel = (from: string) => from.slice(0, 7);

const trendWords: Record<string, string> = {
  improving: "improving",
  worsening: "getting worse",
  steady: "steady",
  no_data: "too little data for a trend",
};

/** Availability and SLA attainment per month, against the availability target. */
export const ReliabilityChart = ({ slice, target }: { slice: MetricsSlice; target: number | null }) => {
  const availability = useApi(
    (signal) => getSeries(slice, "availability_pct", "month", undefined, signal),
    [slice.from, slice.to, slice.serviceId, slice.businessUnitId],
  );
  const sla = useApi(
    (signal) => getSeries(slice, "sla_attainment_pct", "month", undefined, signal),
    [slice.from, slice.to, slice.serviceId, slice.businessUnitId],
  );
  const rows = useMemo(() => {
    const a = availability.data?.series[0]?.points ?? [];
    const s = sla.data?.series[0]?.points ?? [];
    return a.map((p, i) => ({ month: monthLabel(p.from), availability: p.value, sla: s[i]?.value ?? null }));
  }, [availability.data, sla.data]);
  if (!availability.data || !sla.data) {
    return (
      <LoadingState
        loading={availability.loading || sla.loading}
        error={availability.error ?? sla.error}
        what="reliability over time"
      />
    );
  }
  const option = {
    tooltip: { trigger: "axis" },
    legend: { data: ["Up when needed", "Resolved in time"] },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: "category", data: rows.map((r) => r.month) },
    yAxis: { type: "value", max: 100, axisLabel: { formatter: "{value} %" } },
    series: [
      {
        name: "Up when needed",
        type: "line",
        data: rows.map((r) => r.availability),
        ...(target !== null
          ? {
              markLine: {
                symbol: "none",
                data: [{ yAxis: target, name: "target" }],
                label: { formatter: `target ${target} %` },
              },
            }
          : {}),
      },
      { name: "Resolved in time", type: "line", data: rows.map((r) => r.sla) },
    ],
  };
  return (
    <ChartFrame
      title="Availability and resolved within the promised time"
      description={`Per month. Availability is ${trendWords[availability.data.series[0]?.trend ?? "no_data"]}; resolution in time is ${trendWords[sla.data.series[0]?.trend ?? "no_data"]}.`}
      option={option}
      columns={[
        { key: "month", label: "Month" },
        {
          key: "availability",
          label: "Availability %",
          numeric: true,
          format: (v) => (typeof v === "number" ? formatPercent(v, 2) : "no data"),
        },
        {
          key: "sla",
          label: "SLA attainment %",
          numeric: true,
          format: (v) => (typeof v === "number" ? formatPercent(v) : "no data"),
        },
      ]}
      rows={rows}
    />
  );
};

/** Incidents per month, stacked by priority. */
export const IncidentsByPriorityChart = ({ slice }: { slice: MetricsSlice }) => {
  const series = useApi(
    (signal) => getSeries(slice, "incidents", "month", "priority", signal),
    [slice.from, slice.to, slice.serviceId, slice.businessUnitId],
  );
  if (!series.data)
    return <LoadingState loading={series.loading} error={series.error} what="incidents by priority" />;
  const data: MetricSeries = series.data;
  const months = (data.series[0]?.points ?? []).map((p) => monthLabel(p.from));
  const rows = months.map((month, i) => ({
    month,
    ...Object.fromEntries(data.series.map((s) => [s.name, s.points[i]?.value ?? 0])),
  }));
  return (
    <ChartFrame
      title="Incidents by priority"
      description="Incidents opened per month, stacked by the priority the ticketing tool gave them."
      option={{
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        legend: { data: data.series.map((s) => s.name) },
        grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
        xAxis: { type: "category", data: months },
        yAxis: { type: "value" },
        series: data.series.map((s) => ({
          name: s.name,
          type: "bar",
          stack: "p",
          data: s.points.map((p) => p.value ?? 0),
        })),
      }}
      columns={[
        { key: "month", label: "Month" },
        ...data.series.map((s) => ({ key: s.name, label: s.name, numeric: true })),
      ]}
      rows={rows}
    />
  );
};

/** What outages cost per month, with the trend. */
export const OutageCostChart = ({ slice }: { slice: MetricsSlice }) => {
  const series = useApi(
    (signal) => getSeries(slice, "downtime_cost_cents", "month", undefined, signal),
    [slice.from, slice.to, slice.serviceId, slice.businessUnitId],
  );
  if (!series.data) return <LoadingState loading={series.loading} error={series.error} what="outage cost" />;
  const points = series.data.series[0]?.points ?? [];
  const rows = points.map((p) => ({ month: monthLabel(p.from), cost: p.value }));
  return (
    <ChartFrame
      title="What outages cost the business"
      description={`Outage hours × the cost of an hour of downtime of the capabilities the service supports, per month; ${trendWords[series.data.series[0]?.trend ?? "no_data"]}.`}
      option={{
        tooltip: { trigger: "axis", valueFormatter: (v: number) => formatWholeEuros(v) },
        grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
        xAxis: { type: "category", data: rows.map((r) => r.month) },
        yAxis: { type: "value", axisLabel: { formatter: (v: number) => formatWholeEuros(v) } },
        series: [{ name: "Downtime cost", type: "bar", data: rows.map((r) => r.cost ?? 0) }],
      }}
      columns={[
        { key: "month", label: "Month" },
        {
          key: "cost",
          label: "Downtime cost (cents)",
          numeric: true,
          format: (v) => (typeof v === "number" ? formatWholeEuros(v) : "no data"),
        },
      ]}
      rows={rows}
    />
  );
};
