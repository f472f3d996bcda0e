import { apiGetAll } from "../api/api-client.js";
import { useApi } from "../api/use-api.js";

interface Named {
  id: string;
  name: string;
}

/** A select filled from another entity's list, with "— none —"; `excludeId` keeps an item from being its own parent. */
export const ReferenceSelect = ({
  path,
  value,
  onChange,
  excludeId,
  id,
  name,
  ...aria
}: {
  /** The referenced list's API path, e.g. "business-units". */
  path: string;
  value: string;
  onChange: (value: string) => void;
  excludeId?: string | undefined;
  id?: string;
  name?: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}) => {
  const options = useApi((signal) => apiGetAll<Named>(`/api/v1/${path}`, signal), [path]);
  const items = (options.data ?? []).filter((o) => o.id !== excludeId);
  const known = value === "" || items.some((o) => o.id === value);
  return (
    <select
      id={id}
      name={name}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      disabled={options.loading && !options.data}
      {...aria}
    >
      <option value="">{options.loading && !options.data ? "Loading…" : "— none —"}</option>
      {known ? null : (
        <option value={value}>
          {options.error ? "(could not load the list)" : "(archived or not visible)"}
        </option>
      )}
      {items.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </select>
  );
};
