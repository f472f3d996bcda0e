import { type FormEvent, useState } from "react";
import { FormField } from "../components/form-field.js";

export type UploadAction = "preview" | "import";

const formats = [
  { value: "servicenow", label: "ServiceNow table export (CSV or JSON)" },
  { value: "servicenow-log", label: "ServiceNow event log (CSV)" },
  { value: "jira", label: "Jira search export (JSON)" },
  { value: "csv", label: "Other CSV, with a mapping file" },
];

/**
 * The upload form: the export, its format and time settings, and the two ways to send it. The
 * caller turns the FormData into a request; the form only gathers it, so "Preview" and "Import"
 * send exactly the same fields.
 */
export const ImportUploadForm = ({
  busy,
  fieldErrors,
  onSubmit,
}: {
  busy: boolean;
  fieldErrors: Record<string, string>;
  onSubmit: (action: UploadAction, form: FormData) => void;
}) => {
  const [format, setFormat] = useState("servicenow");
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const form = new FormData(event.currentTarget);
    // Unchecked boxes send nothing; the API reads a missing flag as false.
    form.delete("action");
    if (format !== "csv") form.delete("mapping");
    for (const key of ["timeZone", "dateFormat"]) if (form.get(key) === "") form.delete(key);
    onSubmit(submitter?.value === "import" ? "import" : "preview", form);
  };
  return (
    <form className="panel edit-form" onSubmit={submit} aria-label="Upload tickets" noValidate>
      <div className="field-row">
        <FormField label="Export file" name="file" error={fieldErrors.file}>
          <input type="file" name="file" required />
        </FormField>
        <FormField label="Format" name="format" error={fieldErrors.format}>
          <select name="format" value={format} onChange={(e) => setFormat(e.target.value)}>
            {formats.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </FormField>
        {format === "csv" ? (
          <FormField label="Mapping file (YAML or JSON)" name="mappingFile" error={fieldErrors.mappingFile}>
            <input type="file" name="mapping" accept=".yaml,.yml,.json" />
          </FormField>
        ) : null}
      </div>
      <div className="field-row">
        <FormField label="Time zone of the export" name="timeZone" error={fieldErrors.timeZone}>
          <input name="timeZone" placeholder="UTC, or e.g. Europe/Berlin" />
        </FormField>
        <FormField label="Date format" name="dateFormat" error={fieldErrors.dateFormat}>
          <input name="dateFormat" placeholder="e.g. dd/MM/yyyy HH:mm" />
        </FormField>
      </div>
      <div className="field-row">
        <label>
          <input type="checkbox" name="dryRun" value="true" /> Dry run (check everything, write nothing)
        </label>
        <label>
          <input type="checkbox" name="skipInvalid" value="true" /> Skip invalid rows
        </label>
      </div>
      <div className="toolbar">
        <button type="submit" name="action" value="preview" className="secondary" disabled={busy}>
          Preview
        </button>
        <button type="submit" name="action" value="import" disabled={busy}>
          Import
        </button>
      </div>
    </form>
  );
};
