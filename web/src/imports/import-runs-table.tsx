import { apiGet } from "../api/api-client.js";
import type { ImportRun, Page } from "../api/api-types.js";
import { useApi } from "../api/use-api.js";
import { LoadingState } from "../components/loading-state.js";

const statusLabels: Record<ImportRun["status"], string> = {
  running: "running",
  succeeded: "succeeded",
  rejected: "rejected (nothing written)",
  failed: "failed",
};

/** The import log, newest first (the latest 50); read again whenever `version` changes. */
export const ImportRunsTable = ({ version }: { version: number }) => {
  const runs = useApi((signal) => apiGet<Page<ImportRun>>("/api/v1/imports?limit=50", signal), [version]);
  return (
    <section className="panel" aria-label="Past imports">
      <h2>Past imports</h2>
      {runs.data ? null : <LoadingState loading={runs.loading} error={runs.error} what="import log" />}
      {runs.data && runs.data.items.length === 0 ? <p className="muted">No imports yet.</p> : null}
      {runs.data && runs.data.items.length > 0 ? (
        <table className="data-table compact">
          <thead>
            <tr>
              <th>Started</th>
              <th>File</th>
              <th>Format</th>
              <th>By</th>
              <th>Status</th>
              <th className="numeric">Read</th>
              <th className="numeric">Inserted</th>
              <th className="numeric">Updated</th>
              <th className="numeric">Unchanged</th>
              <th className="numeric">Rejected</th>
              <th className="numeric">Unmatched</th>
            </tr>
          </thead>
          <tbody>
            {runs.data.items.map((r) => (
              <tr key={r.id} data-testid="import-run">
                <td>{new Date(r.startedAt).toLocaleString()}</td>
                <td>{r.source}</td>
                <td>{r.format}</td>
                <td>{r.actorLabel}</td>
                <td>{statusLabels[r.status]}</td>
                <td className="numeric">{r.read}</td>
                <td className="numeric">{r.inserted}</td>
                <td className="numeric">{r.updated}</td>
                <td className="numeric">{r.unchanged}</td>
                <td className="numeric">{r.rejected}</td>
                <td className="numeric">{r.unmatched}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
};
