import { describe, expect, it } from "vitest";
import { fixedClock } from "../../src/domain/clock.js";
import { TandemError } from "../../src/domain/errors.js";
import { backoffMs, fetchJsonWithRetry, retryAfterMs } from "../../src/ingest/http-retry.js";

const answer = (status: number, body: unknown = {}, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

/** A fetch that plays the given answers in order (a thrown Error stands for a network failure). */
const scripted = (answers: (Response | Error)[]) => {
  let calls = 0;
  const fake = (async () => {
    const next = answers[calls++];
    if (next === undefined) throw new Error("no more answers");
    if (next instanceof Error) throw next;
    return next;
  }) as typeof fetch;
  return { fetch: fake, calls: () => calls };
};

const now = new Date("2026-01-01T12:00:00Z");

describe("fetch with retries", () => {
  it("reads Retry-After in seconds or as an HTTP date", () => {
    expect(retryAfterMs("12", now)).toBe(12_000);
    expect(retryAfterMs("Thu, 01 Jan 2026 12:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs("nonsense", now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  it("backs off exponentially with full jitter up to the cap", () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, () => 0.999))).toEqual([499, 999, 1998, 3996]);
    expect(backoffMs(20, () => 0.999)).toBe(29_970);
    expect(backoffMs(3, () => 0)).toBe(0);
  });

  it("honours a 503's Retry-After as an HTTP date and retries a network error", async () => {
    const http = scripted([
      answer(503, {}, { "retry-after": "Thu, 01 Jan 2026 12:00:05 GMT" }),
      new TypeError("fetch failed"),
      answer(200, { ok: 1 }),
    ]);
    const sleeps: number[] = [];
    const body = await fetchJsonWithRetry(
      "http://x/api",
      {},
      {
        target: "test",
        fetch: http.fetch,
        clock: fixedClock(now),
        random: () => 0.5,
        sleep: async (ms) => void sleeps.push(ms),
      },
    );
    expect(body).toEqual({ ok: 1 });
    expect(sleeps).toEqual([5000, 500]);
  });

  it("never retries other 4xx, and names 403 as forbidden", async () => {
    for (const [status, code] of [
      [400, "bad_request"],
      [403, "forbidden"],
      [404, "not_found"],
    ] as const) {
      const http = scripted([answer(status), answer(200)]);
      const error = await fetchJsonWithRetry("http://x", {}, { target: "T", fetch: http.fetch }).catch(
        (e: unknown) => e,
      );
      expect((error as TandemError).code).toBe(code);
      expect(http.calls()).toBe(1);
    }
  });

  it("gives up on 429 after the maximum attempts as rate limited, and refuses an absurd Retry-After", async () => {
    const http = scripted([answer(429), answer(429)]);
    const error = await fetchJsonWithRetry(
      "http://x",
      {},
      { target: "T", fetch: http.fetch, maxAttempts: 2, sleep: async () => undefined },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TandemError);
    expect((error as TandemError).code).toBe("rate_limited");
    const long = scripted([answer(429, {}, { "retry-after": "86400" })]);
    const refused = await fetchJsonWithRetry("http://x", {}, { target: "T", fetch: long.fetch }).catch(
      (e: unknown) => e,
    );
    expect((refused as TandemError).message).toContain("86400 s");
  });
});
