import type { ImportPreview } from "../api/api-types.js";
import { ImportErrorList } from "./import-error-list.js";

const when = (iso: string) => iso.replace("T", " ").replace(/:00(\.000)?Z$/, " UTC");

/** The first rows as the import reads them, and the rows it would reject. */
export const ImportPreviewTable = ({ preview }: { preview: ImportPreview }) => (
  <section className="panel" aria-label="Preview">
    <h2>Preview</h2>
    <p className="muted small" data-testid="preview-summary">
      First {preview.read} row(s): {preview.records.length} readable, {preview.rejected.length} rejected.
    </p>
    {preview.records.length > 0 ? (
      <table className="data-table compact">
        <thead>
          <tr>
            <th>Line</th>
            <th>Number</th>
            <th>Type</th>
            <th>State</th>
            <th>Priority</th>
            <th>Opened</th>
            <th>Service / CI</th>
            <th>Requester</th>
          </tr>
        </thead>
        <tbody>
          {preview.records.map(({ line, record }) => (
            <tr key={line}>
              <td className="numeric">{line}</td>
              <td>{record.number}</td>
              <td>{record.type}</td>
              <td>{record.state}</td>
              <td>{record.priority ?? "–"}</td>
              <td>{when(record.openedAt)}</td>
              <td>{record.businessService ?? record.configurationItem ?? record.components[0] ?? "–"}</td>
              <td>
                {record.requester ?? "–"}
                {record.requesterDepartment ? ` (${record.requesterDepartment})` : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    ) : null}
    <ImportErrorList title="Rejected rows" errors={preview.rejected} />
  </section>
);
