import { useState } from "react";
import type { BusinessUnit } from "../../../src/domain/schemas/business-unit.js";
import type {
  AllocationSummary,
  BillOfIt,
  BudgetVersusActual,
  CostExplanation,
  CostFlowDiagram,
  LedgerImportReport,
  SpendByGoal,
} from "../../../src/domain/schemas/cost-model.js";
import { apiGet, apiGetAll, apiRequest, type ProblemError } from "../api/api-client.js";
import { useSession } from "../api/session-context.js";
import { useApi } from "../api/use-api.js";
import { LoadingState } from "../components/loading-state.js";
import { formatEuros, formatNumber, formatPercent } from "../components/locale-format.js";
import { ProblemMessage } from "../components/problem-message.js";
import { CostExplanationTree } from "./cost-explanation-tree.js";
import { CostFlowChart } from "./cost-flow-chart.js";
import "./costs.css";

const change = (pct: number | null) =>
  pct === null ? "–" : `${pct > 0 ? "+" : ""}${formatNumber(pct, 1)} %`;
const q = (params: Record<string, string>) => {
  const s = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== "")).toString();
  return s ? `?${s}` : "";
};

/** A unit's bill of IT, its downloads, and the explanation of a line when asked. */
const BillPanel = ({ period }: { period: string }) => {
  const units = useApi((signal) => apiGetAll<BusinessUnit>("/api/v1/business-units?sort=name", signal), []);
  const [unitId, setUnitId] = useState("");
  const unit = unitId || units.data?.[0]?.id || "";
  const bill = useApi(
    unit ? (signal) => apiGet<BillOfIt>(`/api/v1/costs/bills/${unit}${q({ period })}`, signal) : null,
    [unit, period],
  );
  const [explained, setExplained] = useState<string | null>(null);
  const explanation = useApi(
    unit && explained !== null && bill.data
      ? (signal) =>
          apiGet<CostExplanation>(
            `/api/v1/costs/bills/${unit}/explanation${q({ period: bill.data?.period ?? period, serviceId: explained.startsWith("service:") ? explained.slice(8) : "" })}`,
            signal,
          )
      : null,
    [unit, explained, bill.data?.period],
  );
  return (
    <section className="panel">
      <h2>Bill of IT</h2>
      <label>
        Bill of{" "}
        <select
          value={unit}
          onChange={(e) => {
            setUnitId(e.target.value);
            setExplained(null);
          }}
        >
          {(units.data ?? []).map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </label>
      {!bill.data ? (
        <LoadingState
          loading={bill.loading || units.loading}
          error={bill.error ?? units.error}
          what="bill of IT"
          retry={bill.reload}
        />
      ) : (
        <>
          <p>
            <strong>{bill.data.businessUnitName}</strong>, {bill.data.period}:{" "}
            <strong>{formatEuros(bill.data.totalCents)}</strong>
            {bill.data.previousTotalCents !== null && (
              <>
                {" "}
                (last month {formatEuros(bill.data.previousTotalCents)}, {change(bill.data.changePct)})
              </>
            )}
            , {bill.data.tickets} tickets.{" "}
            {!bill.data.allocated && <span className="muted">This month has not been allocated yet.</span>}
          </p>
          <p>
            <a href={`/api/v1/costs/bills/${unit}/bill.csv${q({ period: bill.data.period })}`} download>
              Download CSV
            </a>{" "}
            ·{" "}
            <a href={`/api/v1/costs/bills/${unit}/bill.pdf${q({ period: bill.data.period })}`} download>
              Download PDF
            </a>{" "}
            ·{" "}
            <button type="button" className="link-button" onClick={() => setExplained("")}>
              Explain the whole bill
            </button>
          </p>
          <table className="data-table cost-table">
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col" className="number">
                  Cost
                </th>
                <th scope="col" className="number">
                  Change
                </th>
                <th scope="col">Basis</th>
                <th scope="col" className="number">
                  Tickets
                </th>
                <th scope="col">Availability / SLA</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {bill.data.lines.map((l) => (
                <tr key={l.node}>
                  <th scope="row">{l.name}</th>
                  <td className="number">{formatEuros(l.cents)}</td>
                  <td className="number">{change(l.changePct)}</td>
                  <td>
                    {l.basis}
                    {l.driverValue !== null && l.driverTotal !== null && l.basis !== "direct" && (
                      <span className="muted">
                        {" "}
                        ({formatNumber(l.driverValue, 2)} of {formatNumber(l.driverTotal, 2)})
                      </span>
                    )}
                  </td>
                  <td className="number">{l.tickets}</td>
                  <td>
                    {l.availabilityPct === null ? "–" : formatPercent(l.availabilityPct, 2)} /{" "}
                    {l.slaAttainmentPct === null ? "–" : formatPercent(l.slaAttainmentPct)}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => setExplained(l.node)}
                      aria-label={`Explain ${l.name}`}
                    >
                      Explain
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {explained !== null && (
            <section aria-label="Explanation">
              <h3>Where this money comes from</h3>
              {!explanation.data ? (
                <LoadingState loading={explanation.loading} error={explanation.error} what="explanation" />
              ) : (
                <CostExplanationTree steps={explanation.data.paths} />
              )}
            </section>
          )}
        </>
      )}
    </section>
  );
};

/** Ledger upload and allocation of a month (IT). */
const LedgerPanel = ({ period, onDone }: { period: string; onDone: () => void }) => {
  const [file, setFile] = useState<File | null>(null);
  const [rates, setRates] = useState("");
  const [report, setReport] = useState<LedgerImportReport | null>(null);
  const [summary, setSummary] = useState<AllocationSummary | null>(null);
  const [error, setError] = useState<ProblemError | null>(null);
  const [month, setMonth] = useState(period);
  const upload = async () => {
    if (!file) return;
    const form = new FormData();
    if (rates) form.append("rates", rates);
    form.append("file", file);
    setError(null);
    try {
      setReport((await apiRequest<LedgerImportReport>("POST", "/api/v1/costs/ledger", { form })).data);
    } catch (e) {
      setError(e as ProblemError);
    }
  };
  const allocate = async () => {
    setError(null);
    try {
      setSummary(
        (
          await apiRequest<AllocationSummary>("POST", "/api/v1/costs/allocations", {
            body: { period: month },
          })
        ).data,
      );
      onDone();
    } catch (e) {
      setError(e as ProblemError);
    }
  };
  return (
    <section className="panel">
      <h2>Ledger and allocation</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void upload();
        }}
      >
        <label>
          General-ledger CSV{" "}
          <input type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>{" "}
        <label>
          Exchange rates{" "}
          <input value={rates} placeholder="USD=0.92,GBP=1.17" onChange={(e) => setRates(e.target.value)} />
        </label>{" "}
        <button type="submit" disabled={!file}>
          Import ledger
        </button>
      </form>
      {report && (
        <div role="status">
          <p>
            {report.status === "imported" ? "Imported" : "Nothing imported:"} {report.lines} lines,{" "}
            {formatEuros(report.totalCents)} {report.periods.length > 0 && `in ${report.periods.join(", ")}`}
          </p>
          {report.errors.length > 0 && (
            <ul className="field-errors">
              {report.errors.map((e) => (
                <li key={`${e.line}-${e.field}-${e.message}`}>
                  Line {e.line}
                  {e.field && `, ${e.field}`}: {e.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void allocate();
        }}
      >
        <label>
          Month <input type="month" value={month} onChange={(e) => setMonth(e.target.value)} required />
        </label>{" "}
        <button type="submit">Allocate</button>
      </form>
      {summary && (
        <p role="status">
          {summary.period}: ledger {formatEuros(summary.ledgerTotalCents)} = units{" "}
          {formatEuros(summary.allocatedToUnitsCents)} + unallocated {formatEuros(summary.unallocatedCents)}
        </p>
      )}
      {error && <ProblemMessage error={error} />}
    </section>
  );
};

/**
 * Cost transparency: the flow of money from the ledger to the business units, each unit's bill of
 * IT with the explanation of every line, spend by goal and budget versus actual. Business
 * stakeholders see their units' bills only.
 */
export const CostsPage = () => {
  const session = useSession();
  const scoped = session.me?.user.role === "business_stakeholder";
  const [period, setPeriod] = useState("");
  const [generation, setGeneration] = useState(0);
  const flows = useApi(
    scoped ? null : (signal) => apiGet<CostFlowDiagram>(`/api/v1/costs/flows${q({ period })}`, signal),
    [period, generation, scoped],
  );
  const summary = useApi(
    scoped || !flows.data
      ? null
      : (signal) =>
          apiGet<AllocationSummary>(
            `/api/v1/costs/allocations${q({ period: flows.data?.period ?? "" })}`,
            signal,
          ),
    [flows.data?.period, generation],
  );
  const goals = useApi(
    scoped ? null : (signal) => apiGet<SpendByGoal>(`/api/v1/costs/spend-by-goal${q({ period })}`, signal),
    [period, generation, scoped],
  );
  const budget = useApi(
    scoped
      ? null
      : (signal) =>
          apiGet<BudgetVersusActual>(`/api/v1/costs/budget${q({ year: period.slice(0, 4) })}`, signal),
    [period, generation, scoped],
  );
  const shown = period || flows.data?.period || "";
  return (
    <section>
      <div className="page-head">
        <h1>Costs</h1>
      </div>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Month <input type="month" value={shown} onChange={(e) => setPeriod(e.target.value)} />
        </label>
      </form>
      {!scoped && (
        <div className="cost-figures">
          <section className="panel">
            <h2>Ledger</h2>
            <p className="big-figure">{flows.data ? formatEuros(flows.data.ledgerTotalCents) : "–"}</p>
          </section>
          <section className="panel">
            <h2>Unallocated</h2>
            <p className="big-figure">{flows.data ? formatEuros(flows.data.unallocatedCents) : "–"}</p>
            {summary.data?.unallocated.map((u) => (
              <p key={u.node} className="small muted">
                {formatEuros(u.cents)}: {u.reason}
              </p>
            ))}
          </section>
          <section className="panel">
            <h2>On top-priority goals</h2>
            <p className="big-figure">
              {goals.data?.topPriorityPct == null ? "–" : formatPercent(goals.data.topPriorityPct)}
            </p>
          </section>
        </div>
      )}
      {summary.data && summary.data.warnings.length > 0 && (
        <ul className="cost-warnings">
          {summary.data.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {!scoped && (
        <section className="panel">
          <h2>Where the money goes</h2>
          {!flows.data ? (
            <LoadingState loading={flows.loading} error={flows.error} what="cost flow" retry={flows.reload} />
          ) : flows.data.flows.length === 0 ? (
            <p className="muted">No allocation for {flows.data.period} yet.</p>
          ) : (
            <CostFlowChart diagram={flows.data} />
          )}
        </section>
      )}
      <BillPanel period={period} />
      {!scoped && goals.data && (
        <section className="panel">
          <h2>Spend by goal</h2>
          <p>
            Run {formatEuros(goals.data.byCategory.run)} · grow {formatEuros(goals.data.byCategory.grow)} ·
            transform {formatEuros(goals.data.byCategory.transform)} · serving no goal{" "}
            {formatEuros(goals.data.noGoalCents)}
          </p>
          <table className="data-table cost-table">
            <thead>
              <tr>
                <th scope="col">Goal</th>
                <th scope="col">Level</th>
                <th scope="col" className="number">
                  Priority
                </th>
                <th scope="col" className="number">
                  Spend
                </th>
              </tr>
            </thead>
            <tbody>
              {goals.data.goals
                .filter((g) => g.cents !== 0)
                .map((g) => (
                  <tr key={g.goalId}>
                    <th scope="row">
                      {g.name}
                      {g.topPriority && <span className="muted"> (top priority)</span>}
                    </th>
                    <td>{g.level}</td>
                    <td className="number">{formatNumber(g.priorityWeight, 1)}</td>
                    <td className="number">{formatEuros(g.cents)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      )}
      {!scoped && budget.data && (
        <section className="panel">
          <h2>
            Budget versus actual {budget.data.year} ({budget.data.monthsWithActuals} months)
          </h2>
          <table className="data-table cost-table">
            <thead>
              <tr>
                <th scope="col">Pool, tower or service</th>
                <th scope="col" className="number">
                  Budget
                </th>
                <th scope="col" className="number">
                  Actual
                </th>
                <th scope="col" className="number">
                  Forecast to year end
                </th>
                <th scope="col" className="number">
                  Variance
                </th>
              </tr>
            </thead>
            <tbody>
              {budget.data.lines
                .filter((l) => l.budgetCents !== null || !l.node.startsWith("service:"))
                .map((l) => (
                  <tr key={l.node}>
                    <th scope="row">{l.name}</th>
                    <td className="number">{l.budgetCents === null ? "–" : formatEuros(l.budgetCents)}</td>
                    <td className="number">{formatEuros(l.actualCents)}</td>
                    <td className="number">{formatEuros(l.forecastCents)}</td>
                    <td className="number">
                      {l.varianceCents === null ? "–" : formatEuros(l.varianceCents)}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      )}
      {session.can("graph:write") && (
        <LedgerPanel key={shown} period={shown} onDone={() => setGeneration((g) => g + 1)} />
      )}
    </section>
  );
};
