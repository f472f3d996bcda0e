import type { EntityDescription, FieldDescription } from "./entity-description.js";

/** What the form holds: every field as the text in its box. */
export type FormValues = Record<string, string>;

/** Integer cents as euros for an input box: 1234550 → "12345.50", 400000 → "4000". */
export const centsToEuroText = (cents: number): string => {
  const whole = Math.trunc(cents / 100);
  const rest = Math.abs(cents % 100);
  return rest === 0 ? String(whole) : `${whole}.${String(rest).padStart(2, "0")}`;
};

/**
 * Euros as typed ("12345.5", "12,345.50", "€ 4 000", "4000,25") to integer cents, computed from the
 * digits (no floating point); null when it is not an amount with at most two decimals.
 */
export const euroTextToCents = (text: string): number | null => {
  let t = text.replace(/[€\s\u00a0\u202f_]/g, "");
  if (t === "") return 0;
  // "12,345.50": commas group thousands; otherwise a comma is the decimal mark.
  if (/^\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(t)) t = t.replaceAll(",", "");
  else t = t.replace(",", ".");
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(t);
  if (!match) return null;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return Number.isSafeInteger(cents) ? cents : null;
};

const textOf = (field: FieldDescription, value: unknown): string => {
  if (value === null || value === undefined) return "";
  if (field.kind === "euros" && typeof value === "number") return centsToEuroText(value);
  if (field.kind === "list" && Array.isArray(value)) return value.join(", ");
  return String(value);
};

/** The form's starting texts: from a stored item, or each field's initial value for a new one. */
export const formValuesOf = (entity: EntityDescription, item?: Record<string, unknown>): FormValues =>
  Object.fromEntries(entity.fields.map((f) => [f.name, item ? textOf(f, item[f.name]) : (f.initial ?? "")]));

/** A typed number, or the text as it is for the server to judge ("abc" → "expected a number"). */
const numberOf = (text: string): number | string => {
  const n = Number(text.replace(",", "."));
  return Number.isFinite(n) ? n : text;
};

export interface RequestBody {
  body: Record<string, unknown>;
  /** Problems found before asking the server (amounts it cannot read as euros), by field. */
  localErrors: Record<string, string>;
}

/** The request body from the form's texts: cents from euros, null for empty optional fields. */
export const requestBodyOf = (entity: EntityDescription, values: FormValues): RequestBody => {
  const body: Record<string, unknown> = {};
  const localErrors: Record<string, string> = {};
  for (const f of entity.fields) {
    const raw = values[f.name] ?? "";
    const text = raw.trim();
    switch (f.kind) {
      case "text":
        body[f.name] = f.nullable && text === "" ? null : raw;
        break;
      case "textarea":
        body[f.name] = raw;
        break;
      case "number":
        body[f.name] = text === "" ? null : numberOf(text);
        break;
      case "euros": {
        const cents = euroTextToCents(text);
        if (cents === null)
          localErrors[f.name] = "expected an amount in euros, e.g. 1234.50 (at most two decimals)";
        else body[f.name] = cents;
        break;
      }
      case "select":
        body[f.name] = f.numeric ? numberOf(text) : text;
        break;
      case "date":
      case "reference":
        body[f.name] = text === "" ? null : text;
        break;
      case "list":
        body[f.name] = text
          .split(",")
          .map((part) => part.trim())
          .filter(Boolean);
        break;
    }
  }
  return { body, localErrors };
};
