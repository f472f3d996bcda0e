/** The number a link carries (strength 0..1, weight or share in %), as the editor shows it. */
export interface LinkValue {
  /** The field in the API, e.g. "weight". */
  field: string;
  label: string;
  /** "%" for weights and shares. */
  unit: string;
  /** What the add form starts with. */
  initial: string;
  /** Weights and shares of one item should add up to 100 %. */
  addsUpTo100?: boolean;
}

/** Typed text to a number; anything else goes to the server as it is, for it to judge. */
export const linkNumberOf = (text: string): number | string => {
  const trimmed = text.trim().replace(",", ".");
  const n = Number(trimmed);
  return trimmed !== "" && Number.isFinite(n) ? n : trimmed;
};
