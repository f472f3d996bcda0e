import type { ImportReport } from "../api/api-types.js";

/** Rejected rows with where they are (line, column, field) and why. */
export const ImportErrorList = ({ title, errors }: { title: string; errors: ImportReport["errors"] }) =>
  errors.length === 0 ? null : (
    <>
      <h3>{title}</h3>
      <table className="data-table compact" aria-label={title}>
        <thead>
          <tr>
            <th>Line</th>
            <th>Column</th>
            <th>Field</th>
            <th>Problem</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: several problems may share a line; the list never reorders.
            <tr key={i}>
              <td className="numeric">{e.line}</td>
              <td className="numeric">{e.column ?? "–"}</td>
              <td>{e.field ?? "–"}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
