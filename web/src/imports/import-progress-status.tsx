import type { ImportProgress } from "../../../src/domain/schemas/import-run.js";

const count = (n: number) => n.toLocaleString("en");

/**
 * While an upload runs: rows read and written so far (the total is unknown until the end of the
 * file, so the bar itself stays indeterminate). Written rows commit only when the import succeeds.
 */
export const ImportProgressStatus = ({
  action,
  progress,
}: {
  action: "import" | "preview";
  progress: ImportProgress | null;
}) => {
  const label = action === "import" ? "Importing" : "Reading the first rows";
  const text =
    action === "preview" || !progress
      ? `${label}…`
      : progress.phase === "uploading"
        ? "Uploading…"
        : `${label}: ${count(progress.read)} rows read, ${count(progress.written)} written${progress.phase === "done" ? " — finishing…" : "…"}`;
  return (
    <div className="panel" role="status">
      <progress aria-label={label} /> <span data-testid="import-progress">{text}</span>
    </div>
  );
};
