import { type Clock, systemClock } from "../domain/clock.js";
import { TandemError } from "../domain/errors.js";

export interface RetryOptions {
  /** Named in errors (the instance or site URL), never with credentials. */
  target: string;
  /** Attempts in all, the first included; default 6. */
  maxAttempts?: number;
  /** Backoff base and cap (ms): full jitter, random × min(cap, base × 2^(attempt-1)). */
  baseMs?: number;
  capMs?: number;
  /** A Retry-After longer than this is not waited out: the run fails as rate limited; default 5 min. */
  maxRetryAfterMs?: number;
  /** Per-attempt timeout (ms), body included; default 60 s. */
  timeoutMs?: number;
  /** Injected so that tests neither wait nor depend on chance. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  clock?: Clock;
  fetch?: typeof fetch;
  /** Told of each retry, for progress output. */
  onRetry?: (retry: { attempt: number; delayMs: number; reason: string }) => void;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Retry-After in ms: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export const retryAfterMs = (header: string | null, now: Date): number | undefined => {
  if (header === null || header.trim() === "") return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
};

/** Full jitter (AWS architecture blog): spreads clients apart better than equal or no jitter. */
export const backoffMs = (attempt: number, random: () => number, baseMs = 500, capMs = 30_000): number =>
  Math.floor(random() * Math.min(capMs, baseMs * 2 ** (attempt - 1)));

/** A failure worth another attempt; anything else is thrown at once. */
class Retryable extends Error {
  constructor(
    readonly reason: string,
    readonly retryAfter: number | undefined,
    readonly finalCode: "rate_limited" | "internal",
  ) {
    super(reason);
  }
}

const statusError = async (response: Response, target: string): Promise<TandemError | Retryable> => {
  const { status } = response;
  if (status === 401)
    return new TandemError("unauthenticated", `${target} refused the credentials (HTTP 401); check them`);
  if (status === 403)
    return new TandemError("forbidden", `${target} denied access (HTTP 403); the account lacks a role`);
  if (status === 429 || status >= 500) {
    const reason = `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ""}`;
    return new Retryable(reason, undefined, status === 429 ? "rate_limited" : "internal");
  }
  // Other 4xx: the request itself is wrong (bad query, unknown table); repeating it cannot help.
  const body = (await response.text().catch(() => "")).slice(0, 300);
  return new TandemError(status === 404 ? "not_found" : "bad_request", `${target} answered HTTP ${status}`, {
    detail: body,
    issues: body ? [{ path: "response", message: body }] : [],
  });
};

/**
 * GETs or POSTs and parses a JSON answer, retrying 429, 5xx, network errors and broken or
 * truncated bodies (the body is read inside the attempt, so a connection dropped mid-page is
 * retried too). 429 and 503 wait their Retry-After when given, else back off with full jitter.
 */
export const fetchJsonWithRetry = async (
  url: string,
  init: RequestInit,
  options: RetryOptions,
): Promise<unknown> => {
  const maxAttempts = options.maxAttempts ?? 6;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const clock = options.clock ?? systemClock;
  const doFetch = options.fetch ?? fetch;
  const maxRetryAfter = options.maxRetryAfterMs ?? 300_000;
  for (let attempt = 1; ; attempt++) {
    let failure: Retryable;
    try {
      const response = await doFetch(url, {
        ...init,
        signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
      });
      if (response.ok) return await response.json();
      const error = await statusError(response, options.target);
      if (error instanceof TandemError) throw error;
      const after =
        response.status === 429 || response.status === 503
          ? retryAfterMs(response.headers.get("retry-after"), clock.now())
          : undefined;
      // Free the socket of an answer we will not read.
      await response.body?.cancel().catch(() => undefined);
      failure = new Retryable(error.reason, after, error.finalCode);
    } catch (error) {
      if (error instanceof TandemError) throw error;
      if (error instanceof Retryable) failure = error;
      else failure = new Retryable(networkReason(error), undefined, "internal");
    }
    if (failure.retryAfter !== undefined && failure.retryAfter > maxRetryAfter) {
      throw new TandemError(
        "rate_limited",
        `${options.target} asked to wait ${Math.ceil(failure.retryAfter / 1000)} s before retrying; try again later`,
      );
    }
    if (attempt >= maxAttempts) {
      throw new TandemError(
        failure.finalCode,
        `${options.target} failed ${attempt} time(s), last with ${failure.reason}; try again later`,
      );
    }
    const delayMs =
      failure.retryAfter ?? backoffMs(attempt, random, options.baseMs ?? 500, options.capMs ?? 30_000);
    options.onRetry?.({ attempt, delayMs, reason: failure.reason });
    await sleep(delayMs);
  }
};

/** fetch wraps the real cause (ECONNRESET, timeout…) in a TypeError("fetch failed"). */
const networkReason = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.name === "SyntaxError" ? "an unreadable answer" : error.message}${cause}`;
};
