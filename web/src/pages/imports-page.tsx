import { useState } from "react";
import { apiRequest, ProblemError } from "../api/api-client.js";
import type { ImportPreview, ImportReport } from "../api/api-types.js";
import { useSession } from "../api/session-context.js";
import { NotAllowed } from "../components/not-allowed.js";
import { ProblemMessage } from "../components/problem-message.js";
import { ImportPreviewTable } from "../imports/import-preview-table.js";
import { ImportProgressStatus } from "../imports/import-progress-status.js";
import { ImportReportPanel } from "../imports/import-report-panel.js";
import { ImportRunsTable } from "../imports/import-runs-table.js";
import { ImportUploadForm, type UploadAction } from "../imports/import-upload-form.js";
import { UnmatchedValuesPanel } from "../imports/unmatched-values-panel.js";
import { useImportProgress } from "../imports/use-import-progress.js";

const asProblem = (reason: unknown) =>
  reason instanceof ProblemError
    ? reason
    : new ProblemError({ type: "about:blank", title: "Error", status: 0, detail: String(reason) });

/**
 * Ticket imports: upload with preview, the report, the unmatched values to map, and the log.
 * IT and administrators import; relationship managers and viewers read the log and the
 * unmatched values; business stakeholders are refused (both span every unit).
 */
export const ImportsPage = () => {
  const { me, can } = useSession();
  const canImport = can("graph:write");
  const [busy, setBusy] = useState<UploadAction | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<ProblemError | null>(null);
  const [version, setVersion] = useState(0);
  const [progressId, setProgressId] = useState<string | null>(null);
  const progress = useImportProgress(progressId);
  if (me?.user.role === "business_stakeholder") return <NotAllowed what="ticket imports" />;

  const send = async (action: UploadAction, form: FormData) => {
    setBusy(action);
    setError(null);
    if (action === "import") setReport(null);
    else setPreview(null);
    // An import is sent with a progress id of our choosing, polled for rows read and written.
    const id = action === "import" ? crypto.randomUUID() : null;
    setProgressId(id);
    try {
      const path = id ? `/api/v1/imports?progress=${id}` : "/api/v1/imports/preview";
      const { data } = await apiRequest<ImportPreview | ImportReport>("POST", path, { form });
      if (action === "import") {
        setReport(data as ImportReport);
        setVersion((v) => v + 1);
      } else setPreview(data as ImportPreview);
    } catch (reason) {
      setError(asProblem(reason));
    } finally {
      setBusy(null);
      setProgressId(null);
    }
  };

  return (
    <section>
      <div className="page-head">
        <h1>Ticket imports</h1>
      </div>
      {canImport ? (
        <>
          <ImportUploadForm busy={busy !== null} fieldErrors={error?.fieldErrors() ?? {}} onSubmit={send} />
          {busy ? <ImportProgressStatus action={busy} progress={progress} /> : null}
          <ProblemMessage error={error} />
          {error?.problem.issues && error.status === 422 ? (
            // A problem with the whole file names where it is (line, column) or the setting at fault.
            <ul className="plain-list" aria-label="Where">
              {error.problem.issues.map((i) => (
                <li key={`${i.path}:${i.message}`}>
                  {i.path}: {i.message}
                </li>
              ))}
            </ul>
          ) : null}
          {preview ? <ImportPreviewTable preview={preview} /> : null}
          {report ? <ImportReportPanel report={report} /> : null}
        </>
      ) : (
        <p className="muted">Your role may read the import log and the unmatched values, not import.</p>
      )}
      <UnmatchedValuesPanel canMap={canImport} version={version} />
      <ImportRunsTable version={version} />
    </section>
  );
};
