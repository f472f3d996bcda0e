import { useApi } from "../api/use-api.js";
import { LoadingState } from "../components/loading-state.js";
import { PeriodPicker } from "../components/period-picker.js";
import { periodRange, usePeriod } from "../components/use-url-state.js";
import { getScorecard } from "./metrics-api.js";
import { IncidentsByPriorityChart, OutageCostChart, ReliabilityChart } from "./performance-charts.js";
import { ScorecardFigures } from "./scorecard-figures.js";

/** A service's performance in business terms: the scorecard against the period before, and over time. */
export const ServicePerformance = ({ serviceId }: { serviceId: string }) => {
  const [period] = usePeriod();
  const range = periodRange(period);
  const slice = { ...range, serviceId };
  const answer = useApi((signal) => getScorecard(slice, signal), [serviceId, period]);
  // Charts cover a year at least, so that a trend can show.
  const history = { ...periodRange("12m"), serviceId };
  return (
    <section className="panel" aria-labelledby="performance-title" data-testid="service-performance">
      <div className="panel-head">
        <h2 id="performance-title">How it performed</h2>
        <PeriodPicker />
      </div>
      {answer.data ? (
        <ScorecardFigures answer={answer.data} />
      ) : (
        <LoadingState loading={answer.loading} error={answer.error} what="scorecard" />
      )}
      <p className="no-print">
        <a
          href={`/api/v1/metrics/scorecard.csv?from=${range.from}&to=${range.to}&serviceId=${serviceId}`}
          download
        >
          Download the scorecard (CSV)
        </a>
      </p>
      <ReliabilityChart slice={history} target={answer.data?.scorecard.availabilityTargetPct ?? null} />
      <div className="columns">
        <IncidentsByPriorityChart slice={history} />
        <OutageCostChart slice={history} />
      </div>
    </section>
  );
};
