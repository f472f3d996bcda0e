import { Link } from "react-router";
import type { PerceptionGap } from "../../../src/domain/schemas/campaign.js";
import type { BillOfIt } from "../../../src/domain/schemas/cost-model.js";
import { focusedUnits } from "../api/api-client.js";
import { useSession } from "../api/session-context.js";
import { useApi } from "../api/use-api.js";
import {
  formatCount,
  formatPercent,
  formatPointChange,
  formatWholeEuros,
} from "../components/locale-format.js";
import { optionalGet } from "./optional-get.js";
import { Tile } from "./tile.js";

/** Where IT believes the business is happier than the business says it is (and the reverse). */
export const PerceptionGapsTile = () => {
  const report = useApi((signal) => optionalGet<PerceptionGap>("/api/v1/perception-gap", signal), []);
  const rows = [
    ...(report.data?.services ?? []).flatMap((g) => g.rows.map((row) => ({ group: g.name, row }))),
    ...(report.data?.units ?? []).flatMap((g) => g.rows.map((row) => ({ group: g.name, row }))),
  ]
    .filter((x) => x.row.gapPoints !== null)
    .sort((a, b) => Math.abs(b.row.gapPoints ?? 0) - Math.abs(a.row.gapPoints ?? 0));
  return (
    <Tile
      title="Largest perception gaps"
      to="/perception-gap"
      linkLabel="Perception gap"
      loading={report.loading && !report.data}
      error={report.error}
      retry={report.reload}
      testId="tile-perception-gaps"
      empty={
        report.data === null ? (
          <p>This Tandem runs no surveys.</p>
        ) : report.data && rows.length === 0 ? (
          <p>
            No gap to show yet: it needs a survey of the business and its mirror answered by IT, with at least{" "}
            {report.data.minimumGroup} respondents on each side.
          </p>
        ) : undefined
      }
    >
      <ul className="plain-list">
        {rows.slice(0, 5).map(({ group, row }) => (
          <li key={`${group}:${row.questionId}`}>
            <div className="tile-row">
              <span>
                <strong>{group}</strong>: {row.statement}
              </span>
              <span
                className={`health tone-${row.significant ? "bad" : "warn"}`}
                title="IT's share agreeing minus the business's, in percentage points"
              >
                {formatPointChange(row.gapPoints ?? 0, 0)}
              </span>
            </div>
          </li>
        ))}
      </ul>
    </Tile>
  );
};

/** What my unit paid for IT last month, and what it got for it: the services with their service levels. */
export const MyBillTile = () => {
  const { me } = useSession();
  const units = focusedUnits().length > 0 ? focusedUnits() : (me?.user.businessUnitIds ?? []);
  const unitId = units[0];
  const bill = useApi(
    unitId ? (signal) => optionalGet<BillOfIt>(`/api/v1/costs/bills/${unitId}`, signal) : null,
    [unitId],
  );
  const b = bill.data;
  const services = (b?.lines ?? []).filter((l) => l.kind === "service").sort((x, y) => y.cents - x.cents);
  return (
    <Tile
      title="What we paid and got"
      to="/costs"
      linkLabel="Our bill of IT"
      loading={bill.loading && !b}
      error={bill.error}
      retry={bill.reload}
      testId="tile-bill"
      empty={
        !unitId || b === null ? (
          <p>Your unit's bill of IT appears here once IT records its costs in Tandem.</p>
        ) : b && !b.allocated ? (
          <p>IT has not shared the costs of {b.period} yet.</p>
        ) : undefined
      }
    >
      {b ? (
        <>
          <p className="tile-lead">
            <strong data-testid="bill-total">{formatWholeEuros(b.totalCents)}</strong> for{" "}
            {b.businessUnitName} in {b.period}
          </p>
          {b.changePct !== null ? (
            <p className="muted small">
              {b.changePct >= 0 ? "Up" : "Down"} {formatPercent(Math.abs(b.changePct), 1)} on the month
              before; {formatCount(b.tickets)} requests and issues handled for you.
            </p>
          ) : null}
          <ul className="plain-list">
            {services.slice(0, 4).map((line) => (
              <li key={line.node} className="tile-row">
                <span>{line.name}</span>
                <span>
                  {formatWholeEuros(line.cents)}
                  {line.slaAttainmentPct !== null ? (
                    <span className="muted small">
                      {" "}
                      ·{" "}
                      <abbr title="SLA attainment" tabIndex={0}>
                        {formatPercent(line.slaAttainmentPct, 0)} on time
                      </abbr>
                    </span>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
          {units.length > 1 ? (
            <p className="muted small">
              The bill of your first unit; choose another with{" "}
              <Link to="/business-units">My business units</Link>.
            </p>
          ) : null}
        </>
      ) : null}
    </Tile>
  );
};
