/**
 * One error taxonomy for Tandem. Every failure a user can cause or meet has a stable code;
 * the API maps it to problem+json (RFC 9457) and the CLI to an exit code.
 */
export type TandemErrorCode =
  | "validation"
  | "bad_request"
  | "not_found"
  | "conflict"
  | "duplicate"
  | "cycle"
  | "referenced"
  | "unknown_reference"
  | "precondition_failed"
  | "store_too_new"
  | "unauthenticated"
  | "forbidden"
  | "rate_limited"
  | "payload_too_large"
  | "unsupported_media_type"
  | "internal";

export interface FieldIssue {
  /** JSON path of the offending field, e.g. `slaTargets.2.resolutionSeconds`; for files `line 12, column 4`. */
  path: string;
  message: string;
}

export interface TandemErrorOptions {
  detail?: string;
  issues?: FieldIssue[];
  /** Items involved: the members of a cycle, the referrers of an item, the duplicates. */
  items?: unknown[];
  cause?: unknown;
}

export class TandemError extends Error {
  readonly code: TandemErrorCode;
  readonly issues: FieldIssue[];
  readonly items: unknown[];

  constructor(code: TandemErrorCode, message: string, options: TandemErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = "TandemError";
    this.code = code;
    this.issues = options.issues ?? [];
    this.items = options.items ?? [];
  }
}

export const httpStatusOf: Record<TandemErrorCode, number> = {
  validation: 422,
  bad_request: 400,
  not_found: 404,
  conflict: 409,
  duplicate: 409,
  cycle: 409,
  referenced: 409,
  unknown_reference: 422,
  precondition_failed: 412,
  store_too_new: 503,
  unauthenticated: 401,
  forbidden: 403,
  rate_limited: 429,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal: 500,
};

/** CLI exit codes: 2 usage and bad input, 3 conflicts, 4 missing things, 5 environment, 1 bugs. */
export const exitCodeOf: Record<TandemErrorCode, number> = {
  validation: 2,
  bad_request: 2,
  unknown_reference: 2,
  payload_too_large: 2,
  unsupported_media_type: 2,
  not_found: 4,
  conflict: 3,
  duplicate: 3,
  cycle: 3,
  referenced: 3,
  precondition_failed: 3,
  store_too_new: 5,
  unauthenticated: 6,
  forbidden: 6,
  rate_limited: 7,
  internal: 1,
};

export const isTandemError = (value: unknown): value is TandemError => value instanceof TandemError;
