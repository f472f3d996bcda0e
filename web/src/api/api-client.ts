import type { Problem } from "./api-types.js";

/** A refused or failed request, carrying the server's problem details. */
export class ProblemError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  /** Field messages keyed by path ("availabilityTarget", "businessUnitIds.0"). */
  fieldErrors(): Record<string, string> {
    const fields: Record<string, string> = {};
    for (const issue of this.problem.issues ?? []) fields[issue.path] ??= issue.message;
    return fields;
  }
}

export const SIGNED_OUT_EVENT = "tandem:signed-out";

let csrfToken: string | null = null;

/** The session's CSRF token, sent with every write. */
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

const FOCUS_KEY = "tandem.focusUnits";
let focusUnits: string[] = (sessionStorage.getItem(FOCUS_KEY) ?? "").split(",").filter(Boolean);

/**
 * The business units a stakeholder has narrowed the app to (the unit switcher), remembered for
 * the browser tab and sent with every request as x-tandem-focus-units. Empty means all of them.
 */
export const setFocusUnits = (unitIds: string[]) => {
  focusUnits = unitIds;
  if (unitIds.length > 0) sessionStorage.setItem(FOCUS_KEY, unitIds.join(","));
  else sessionStorage.removeItem(FOCUS_KEY);
};

export const focusedUnits = (): string[] => focusUnits;

export interface ApiAnswer<T> {
  data: T;
  etag: string | null;
}

const problemOf = async (response: Response): Promise<Problem> => {
  try {
    const body = (await response.json()) as Partial<Problem>;
    return {
      type: body.type ?? "about:blank",
      title: body.title ?? response.statusText,
      status: body.status ?? response.status,
      ...(body.detail ? { detail: body.detail } : {}),
      ...(body.code ? { code: body.code } : {}),
      ...(body.issues ? { issues: body.issues } : {}),
      ...(body.items ? { items: body.items } : {}),
    };
  } catch {
    return { type: "about:blank", title: response.statusText || "Request failed", status: response.status };
  }
};

/** Calls the Tandem API with the session cookie; writes carry the CSRF token; errors throw ProblemError. */
export const apiRequest = async <T>(
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
  path: string,
  options: {
    body?: unknown;
    /** A multipart body (file uploads); the browser sets its content type and boundary. */
    form?: FormData;
    headers?: Record<string, string>;
    signal?: AbortSignal;
    unfocused?: boolean;
  } = {},
): Promise<ApiAnswer<T>> => {
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  if (focusUnits.length > 0 && !options.unfocused) headers["x-tandem-focus-units"] = focusUnits.join(",");
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.form ? { body: options.form } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ProblemError({
      type: "about:blank",
      title: "Network error",
      status: 0,
      detail: "The Tandem server could not be reached.",
    });
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    if (response.status === 401 && !path.startsWith("/api/v1/auth/")) {
      window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
    }
    throw new ProblemError(problem);
  }
  const data = (response.status === 204 ? null : await response.json()) as T;
  return { data, etag: response.headers.get("etag") };
};

export const apiGet = async <T>(path: string, signal?: AbortSignal): Promise<T> =>
  (await apiRequest<T>("GET", path, signal ? { signal } : {})).data;

/** Every page of a cursor-paginated list (bounded, for pickers and trees). */
export const apiGetAll = async <T>(path: string, signal?: AbortSignal, maxPages = 20): Promise<T[]> => {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < maxPages; i++) {
    const sep = path.includes("?") ? "&" : "?";
    const url = `${path}${sep}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const page: { items: T[]; nextCursor: string | null } = await apiGet(url, signal);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return items;
};
