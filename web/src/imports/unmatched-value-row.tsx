import { useState } from "react";
import { apiRequest, type ProblemError } from "../api/api-client.js";
import type { MapValueResult, UnmatchedValues } from "../api/api-types.js";
import { ProblemMessage } from "../components/problem-message.js";

type Unmatched = UnmatchedValues["services"][number];
export interface Target {
  id: string;
  name: string;
}

const fieldLabels: Record<string, string> = {
  configuration_item: "configuration item",
  business_service: "business service",
  component: "component",
  request_type: "request type",
  category: "category",
  department: "department",
};

/**
 * One unmatched value with its ticket count and, for those who may, a target to map it to. The
 * result (tickets re-matched) stays on the row until the list is reloaded.
 */
export const UnmatchedValueRow = ({
  item,
  kind,
  targets,
  canMap,
  onMapped,
}: {
  item: Unmatched;
  kind: "service" | "business unit";
  targets: Target[];
  canMap: boolean;
  onMapped: (result: MapValueResult) => void;
}) => {
  const [targetId, setTargetId] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ProblemError | null>(null);
  const [result, setResult] = useState<MapValueResult | null>(null);
  const label = item.value ?? "(no value to match on)";

  const map = async () => {
    if (!item.field || !item.value || !targetId) return;
    setBusy(true);
    setError(null);
    try {
      const { data } = await apiRequest<MapValueResult>("POST", "/api/v1/tickets/unmatched/map", {
        body: {
          field: item.field,
          value: item.value,
          ...(kind === "service" ? { serviceId: targetId } : { businessUnitId: targetId }),
        },
      });
      setResult(data);
      onMapped(data);
    } catch (reason) {
      setError(reason as ProblemError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <tr data-testid="unmatched-row">
      <td>{label}</td>
      <td>{item.field ? fieldLabels[item.field] : "–"}</td>
      <td className="numeric">{item.tickets}</td>
      <td>
        {result ? (
          <span role="status">
            Mapped to {result.targetName}: {result.rematched} ticket(s) re-matched
          </span>
        ) : canMap && item.field && item.value ? (
          <span className="toolbar">
            <select
              aria-label={`${kind} for ${label}`}
              value={targetId}
              onChange={(e) => setTargetId(e.target.value)}
            >
              <option value="">Choose a {kind}…</option>
              {targets.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
            <button type="button" onClick={map} disabled={busy || !targetId}>
              Map
            </button>
          </span>
        ) : null}
        <ProblemMessage error={error} />
      </td>
    </tr>
  );
};
