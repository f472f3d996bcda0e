import { useEffect, useState } from "react";
import { apiRequest, focusedUnits, setFocusUnits } from "../api/api-client.js";
import type { BusinessUnit, Page } from "../api/api-types.js";

/** The unit the app is focused on ("" for all of the stakeholder's units). */
export const initialFocus = (): string => focusedUnits()[0] ?? "";

/**
 * "My business units": a stakeholder narrows every page to one of the units they hold (or a
 * unit below them). The server enforces it (x-tandem-focus-units can only narrow the reach);
 * this only chooses. Shown when the reach has more than one unit.
 */
export const UnitSwitcher = ({ focus, onChange }: { focus: string; onChange: (unitId: string) => void }) => {
  const [units, setUnits] = useState<BusinessUnit[] | null>(null);
  const choose = (unitId: string) => {
    setFocusUnits(unitId ? [unitId] : []);
    onChange(unitId);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the list of units is loaded once per mount.
  useEffect(() => {
    const controller = new AbortController();
    // Unfocused: the choice is among all of the stakeholder's units, not just the focused one.
    apiRequest<Page<BusinessUnit>>("GET", "/api/v1/business-units?limit=500", {
      signal: controller.signal,
      unfocused: true,
    }).then(
      ({ data }) => {
        setUnits(data.items);
        if (focus && !data.items.some((u) => u.id === focus)) choose("");
      },
      () => setUnits([]),
    );
    return () => controller.abort();
  }, []);

  if (!units || units.length < 2) return null;
  return (
    <label className="unit-switcher">
      <span>My units</span>
      <select aria-label="My business units" value={focus} onChange={(event) => choose(event.target.value)}>
        <option value="">All my units</option>
        {units.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
    </label>
  );
};
