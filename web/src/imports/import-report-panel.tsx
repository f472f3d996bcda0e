import type { ImportReport } from "../api/api-types.js";
import { ImportErrorList } from "./import-error-list.js";

const headline: Record<ImportReport["status"], string> = {
  succeeded: "Import finished",
  dry_run: "Dry run finished: nothing was written",
  rejected: "Nothing imported: rows were rejected",
};

/** What an import did: the counts, the first rejected rows, and how many values are unmatched. */
export const ImportReportPanel = ({ report }: { report: ImportReport }) => {
  const counts: [string, number][] = [
    ["Read", report.read],
    ["Inserted", report.inserted],
    ["Updated", report.updated],
    ["Unchanged", report.unchanged],
    ["Rejected", report.rejected],
  ];
  const unmatched = report.unmatched.services.length + report.unmatched.businessUnits.length;
  return (
    <section className="panel" aria-label="Import report">
      <h2 data-testid="import-status">{headline[report.status]}</h2>
      {report.status === "rejected" ? (
        <p className="muted small">Fix the rows below and upload again, or tick "Skip invalid rows".</p>
      ) : null}
      <dl className="figures">
        {counts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd data-testid={`count-${label.toLowerCase()}`}>{value}</dd>
          </div>
        ))}
      </dl>
      {unmatched > 0 ? (
        <p className="small">
          {unmatched} value(s) in this file matched no service or business unit; map them below.
        </p>
      ) : null}
      <ImportErrorList title="First rejected rows" errors={report.errors} />
    </section>
  );
};
