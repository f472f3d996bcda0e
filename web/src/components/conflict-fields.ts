/** Which fields someone else changed while a form was open (a save refused with 412). */
export interface ConflictField {
  name: string;
  label: string;
}

/** A stored value as a reader would say it. */
const shown = (value: unknown): string => {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.length === 0 ? "—" : value.map(shown).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
};

/** The fields whose stored value differs between what the form started from and what is stored now. */
export const changedFields = (
  fields: readonly ConflictField[],
  before: Record<string, unknown>,
  now: Record<string, unknown>,
): { field: ConflictField; before: string; now: string }[] =>
  fields
    .filter((f) => JSON.stringify(before[f.name] ?? null) !== JSON.stringify(now[f.name] ?? null))
    .map((f) => ({ field: f, before: shown(before[f.name]), now: shown(now[f.name]) }));
