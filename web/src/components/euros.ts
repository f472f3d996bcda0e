/** Kept for the pages that import it; the formats themselves live in locale-format.ts. */
export { formatCount, formatEuros } from "./locale-format.js";
