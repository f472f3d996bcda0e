/** A checkbox that brings archived items back into a list. */
export const ShowArchivedToggle = ({
  checked,
  onChange,
}: {
  checked: boolean;
  onChange: (value: boolean) => void;
}) => (
  <label className="checkbox show-archived">
    <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
    Show archived
  </label>
);
