/** How the web app shows and edits one kind of entity of the alignment graph. */

export type FieldKind =
  /** One line of text; `nullable` sends null for an empty box. */
  | "text"
  | "textarea"
  /** A number typed as text; the server judges it. `nullable` sends null for an empty box. */
  | "number"
  /** Money: the user types euros (up to two decimals), the API gets integer cents. */
  | "euros"
  | "select"
  /** YYYY-MM-DD or nothing. */
  | "date"
  /** The id of another entity, picked from its list, or nothing. */
  | "reference"
  /** A list of short texts, typed comma-separated. */
  | "list";

export interface FieldOption {
  value: string;
  label: string;
}

export interface FieldDescription {
  /** The field's name in the API (and in the server's field errors). */
  name: string;
  label: string;
  kind: FieldKind;
  /** For selects: the choices. */
  options?: readonly FieldOption[];
  /** For selects whose values are numbers in the API (e.g. a tier). */
  numeric?: boolean;
  /** For references: the API path of the referenced list, e.g. "business-units". */
  reference?: string;
  nullable?: boolean;
  /** The value a new item starts with in the form. */
  initial?: string;
  hint?: string;
  /** Shown only in the form, not in the facts (e.g. the name, which is the heading). */
  formOnly?: boolean;
}

export type WritePermission = "graph:write" | "business-graph:write";

export interface EntityDescription {
  /** The API path under /api/v1 and the web path: "business-units". */
  path: string;
  /** Singular, lower case: "business unit". */
  one: string;
  /** Plural, lower case: "business units". */
  many: string;
  /** The list page's title: "Business units". */
  title: string;
  /** What the server asks of a writer (src/domain/permissions.ts and the repositories). */
  writePermission: WritePermission;
  fields: readonly FieldDescription[];
}

/**
 * Choices from an enum's labels. Callers type the labels as Record<EnumType, string>, so a value
 * added to the domain enum fails the type check here (without bundling zod into the web app).
 */
export const optionsOf = (labels: Record<string, string>): FieldOption[] =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));
