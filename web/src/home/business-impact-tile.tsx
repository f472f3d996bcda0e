import { useMemo } from "react";
import { Link, useNavigate } from "react-router";
import type { z } from "zod";
import type { impactList } from "../../../src/domain/schemas/scorecard.js";
import { useApi } from "../api/use-api.js";
import { LazyChartFrame } from "../components/lazy-chart-frame.js";
import { formatHours, formatNumber, formatWholeEuros } from "../components/locale-format.js";
import { periodRange, usePeriod } from "../components/use-url-state.js";
import { optionalGet } from "./optional-get.js";
import { Tile } from "./tile.js";

type ImpactList = z.infer<typeof impactList>;

/** The services whose outages cost the business most in the period (hours × cost of downtime through the graph). */
export const BusinessImpactTile = () => {
  const [period] = usePeriod();
  const range = periodRange(period);
  const navigate = useNavigate();
  const impact = useApi(
    (signal) =>
      optionalGet<ImpactList>(`/api/v1/metrics/impact?from=${range.from}&to=${range.to}&limit=500`, signal),
    [period],
  );
  // Outages summed per service, costliest first.
  const services = useMemo(() => {
    const byService = new Map<
      string,
      { serviceId: string; service: string; costCents: number; hours: number; outages: number }
    >();
    for (const item of impact.data?.items ?? []) {
      const row = byService.get(item.serviceId) ?? {
        serviceId: item.serviceId,
        service: item.serviceName,
        costCents: 0,
        hours: 0,
        outages: 0,
      };
      row.costCents += item.costCents;
      row.hours += item.hours;
      row.outages += 1;
      byService.set(item.serviceId, row);
    }
    return [...byService.values()].sort((a, b) => b.costCents - a.costCents).slice(0, 8);
  }, [impact.data]);
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "value", axisLabel: { formatter: (v: number) => formatWholeEuros(v) } },
      yAxis: { type: "category", inverse: true, data: services.map((s) => s.service) },
      series: [
        {
          type: "bar",
          name: "Cost of downtime",
          data: services.map((s) => s.costCents),
          itemStyle: { color: "#c2410c" },
          tooltip: { valueFormatter: (v: number) => formatWholeEuros(v) },
        },
      ],
    }),
    [services],
  );
  const priorityTooLow = (impact.data?.items ?? []).filter(
    (i) => i.disagreement === "priority_too_low",
  ).length;
  return (
    <Tile
      title="Highest business impact"
      to="/services"
      linkLabel="Services"
      loading={impact.loading && !impact.data}
      error={impact.error}
      retry={impact.reload}
      testId="tile-business-impact"
      wide
      empty={
        impact.data === null ? (
          <p>This Tandem does not measure service performance.</p>
        ) : impact.data && services.length === 0 ? (
          <p>
            No outage cost the business anything in this period. Outages come with imported incidents (
            <Link to="/imports">Imports</Link>).
          </p>
        ) : undefined
      }
    >
      {impact.data ? (
        <>
          <p className="tile-lead">
            <strong data-testid="impact-total">{formatWholeEuros(impact.data.totalCostCents)}</strong> lost to
            outages
            {priorityTooLow > 0 ? (
              <span className="muted small">
                {" "}
                · {formatNumber(priorityTooLow, 0)} costly {priorityTooLow === 1 ? "outage" : "outages"} had a
                low priority
              </span>
            ) : null}
          </p>
          <LazyChartFrame
            title="Cost of downtime by service"
            height={Math.max(160, services.length * 30 + 30)}
            option={option}
            columns={[
              { key: "service", label: "Service" },
              {
                key: "costEuros",
                label: "Cost of downtime (€)",
                numeric: true,
                format: (v) => formatWholeEuros(Number(v) * 100),
              },
              { key: "hours", label: "Outage hours", numeric: true, format: (v) => formatHours(Number(v)) },
              { key: "outages", label: "Outages", numeric: true },
            ]}
            rows={services.map((s) => ({
              service: s.service,
              costEuros: s.costCents / 100,
              hours: Math.round(s.hours * 100) / 100,
              outages: s.outages,
            }))}
            onItemClick={(index) => {
              const service = services[index];
              if (service) navigate(`/services/${service.serviceId}`);
            }}
          />
        </>
      ) : null}
    </Tile>
  );
};
