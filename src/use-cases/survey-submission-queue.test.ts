import { describe, expect, it } from "vitest";
import type { SubmissionAttempt, SubmissionOutcome } from "../store/repositories/survey-link-repository.js";
import { SurveySubmissionQueue } from "./survey-submission-queue.js";

const attempt = (token: string): SubmissionAttempt => ({
  token,
  submission: { answers: [] },
  at: new Date("2026-11-10T12:00:00Z"),
});

/** A writer that records its batches and answers each token by rule, until released. */
const recordingWriter = (
  outcomeOf: (token: string) => SubmissionOutcome = (t) => ({ responseId: `r-${t}` }),
) => {
  const batches: string[][] = [];
  // Every batch held so far (two writers may hold two at once).
  let releases: (() => void)[] = [];
  let held = false;
  const writer = async (batch: readonly SubmissionAttempt[]) => {
    batches.push(batch.map((a) => a.token));
    if (held) await new Promise<void>((resolve) => releases.push(resolve));
    return batch.map((a) => outcomeOf(a.token));
  };
  return {
    writer,
    batches,
    hold: () => {
      held = true;
    },
    release: () => {
      held = false;
      for (const release of releases) release();
      releases = [];
    },
  };
};

const settle = (promises: Promise<unknown>[]) => Promise.allSettled(promises);
const tick = () => new Promise((resolve) => setImmediate(resolve));
/** Enough turns of the event loop for the queue to see that none brings more submissions. */
const turns = async (n = 4) => {
  for (let i = 0; i < n; i++) await tick();
};

describe("the survey submission queue (group commit)", () => {
  it("writes submissions made together as one batch, and those that came meanwhile as the next", async () => {
    const w = recordingWriter();
    const queue = new SurveySubmissionQueue(w.writer);
    w.hold();
    const first = ["a", "b", "c"].map((t) => queue.submit(attempt(t)));
    await turns();
    expect(w.batches).toEqual([["a", "b", "c"]]);
    // While the first batch is being written, later submissions wait, and all of them go together.
    const later = ["d", "e", "f", "g"].map((t) => queue.submit(attempt(t)));
    await turns();
    expect(w.batches).toHaveLength(1);
    w.release();
    const outcomes = await settle([...first, ...later]);
    expect(w.batches).toEqual([
      ["a", "b", "c"],
      ["d", "e", "f", "g"],
    ]);
    expect(outcomes.map((o) => (o.status === "fulfilled" ? o.value : null))).toEqual(
      ["a", "b", "c", "d", "e", "f", "g"].map((t) => ({ responseId: `r-${t}` })),
    );
  });

  it("gathers submissions that come one per turn of the event loop (as on new connections) into one batch", async () => {
    const w = recordingWriter();
    const queue = new SurveySubmissionQueue(w.writer);
    const tokens = ["a", "b", "c", "d", "e", "f"];
    const submitted: Promise<unknown>[] = [];
    for (const t of tokens) {
      submitted.push(queue.submit(attempt(t)));
      await tick();
    }
    await settle(submitted);
    expect(w.batches).toEqual([tokens]);
    // Alone, a submission waits only for two quiet turns.
    const lone = queue.submit(attempt("z"));
    await turns(3);
    expect(w.batches.at(-1)).toEqual(["z"]);
    await lone;
  });

  it("stops gathering after a bounded number of turns when submissions never stop coming", async () => {
    const w = recordingWriter();
    const queue = new SurveySubmissionQueue(w.writer);
    const tokens = Array.from({ length: 80 }, (_, i) => `t${i}`);
    const submitted: Promise<unknown>[] = [];
    for (const t of tokens) {
      submitted.push(queue.submit(attempt(t)));
      await tick();
    }
    await settle(submitted);
    expect(w.batches.length).toBeGreaterThan(1);
    expect((w.batches[0] as string[]).length).toBeLessThan(40);
    expect(w.batches.flat()).toEqual(tokens);
  });

  it("gives each submission its own outcome: a refused one does not refuse the others", async () => {
    const refusal = new Error("this survey link has been used already");
    const w = recordingWriter((t) => (t.startsWith("bad") ? { error: refusal } : { responseId: `r-${t}` }));
    const queue = new SurveySubmissionQueue(w.writer);
    const outcomes = await settle(["ok1", "bad1", "ok2", "bad2"].map((t) => queue.submit(attempt(t))));
    expect(w.batches).toEqual([["ok1", "bad1", "ok2", "bad2"]]);
    expect(outcomes).toEqual([
      { status: "fulfilled", value: { responseId: "r-ok1" } },
      { status: "rejected", reason: refusal },
      { status: "fulfilled", value: { responseId: "r-ok2" } },
      { status: "rejected", reason: refusal },
    ]);
  });

  it("tries each submission on its own when a batch fails as a whole, so only the culprit fails", async () => {
    const batches: string[][] = [];
    const broken = new Error("the store refused the batch");
    const queue = new SurveySubmissionQueue(async (batch) => {
      batches.push(batch.map((a) => a.token));
      if (batch.some((a) => a.token === "poison")) throw broken;
      return batch.map((a) => ({ responseId: `r-${a.token}` }));
    });
    const outcomes = await settle(["a", "poison", "b"].map((t) => queue.submit(attempt(t))));
    expect(batches).toEqual([["a", "poison", "b"], ["a"], ["poison"], ["b"]]);
    expect(outcomes).toEqual([
      { status: "fulfilled", value: { responseId: "r-a" } },
      { status: "rejected", reason: broken },
      { status: "fulfilled", value: { responseId: "r-b" } },
    ]);
  });

  it("caps a batch, and keeps going until nothing waits", async () => {
    const w = recordingWriter();
    const queue = new SurveySubmissionQueue(w.writer, 2);
    const outcomes = await settle(["a", "b", "c", "d", "e"].map((t) => queue.submit(attempt(t))));
    expect(w.batches).toEqual([["a", "b"], ["c", "d"], ["e"]]);
    expect(outcomes.every((o) => o.status === "fulfilled")).toBe(true);
    // Idle again: a lone submission is written at once, on its own.
    await queue.submit(attempt("f"));
    expect(w.batches.at(-1)).toEqual(["f"]);
  });

  it("with two writers, writes a second batch while the first is still being written, never a third", async () => {
    const w = recordingWriter();
    const queue = new SurveySubmissionQueue(w.writer, 500, null, 2);
    w.hold();
    const first = ["a", "b"].map((t) => queue.submit(attempt(t)));
    await turns();
    const second = ["c"].map((t) => queue.submit(attempt(t)));
    await turns();
    // Both batches are in the writer at once; what comes now waits for one of them.
    expect(w.batches).toEqual([["a", "b"], ["c"]]);
    const third = ["d", "e"].map((t) => queue.submit(attempt(t)));
    await turns();
    expect(w.batches).toHaveLength(2);
    w.release();
    const outcomes = await settle([...first, ...second, ...third]);
    expect(w.batches.slice(2).flat().sort()).toEqual(["d", "e"]);
    expect(outcomes.map((o) => (o.status === "fulfilled" ? o.value : null))).toEqual(
      ["a", "b", "c", "d", "e"].map((t) => ({ responseId: `r-${t}` })),
    );
  });

  it("refuses a submission the writer gave no outcome for, rather than leaving it waiting", async () => {
    const queue = new SurveySubmissionQueue(async () => []);
    await expect(queue.submit(attempt("a"))).rejects.toThrow(/no outcome/);
  });

  it("folds once answering pauses, or at once when many answers wait, never two folds at once", async () => {
    // Tokens starting with "x" are refused: refused answers are not waiting to be counted.
    const w = recordingWriter((t) =>
      t.startsWith("x") ? { error: new Error("refused") } : { responseId: t },
    );
    let folds = 0;
    let finishFold: () => void = () => {};
    const queue = new SurveySubmissionQueue(w.writer, 2, {
      cap: 4,
      idleMs: 30,
      run: () => {
        folds += 1;
        return new Promise<void>((resolve) => (finishFold = resolve));
      },
    });
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    // Answers that keep coming do not start a fold below the cap...
    await settle(["a", "x1", "b"].map((t) => queue.submit(attempt(t))));
    await pause(10);
    await queue.submit(attempt("c"));
    expect(folds).toBe(0);
    // ...a pause does.
    await pause(60);
    expect(folds).toBe(1);
    finishFold();
    await tick();
    // At the cap a fold starts at once; while it runs, answers are still taken and no second starts.
    await settle(["d", "e", "f", "g"].map((t) => queue.submit(attempt(t))));
    expect(folds).toBe(2);
    await settle(["h", "i", "j", "k", "l"].map((t) => queue.submit(attempt(t))));
    await pause(60);
    expect(folds).toBe(2);
    // Those are folded after it (here at once: they reached the cap).
    finishFold();
    await pause(60);
    expect(folds).toBe(3);
    finishFold();
    queue.stop();
  });

  it("keeps answering when a fold fails", async () => {
    const w = recordingWriter();
    const queue = new SurveySubmissionQueue(w.writer, 500, {
      cap: 1,
      idleMs: 1_000,
      run: () => Promise.reject(new Error("store gone")),
    });
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (m: string) => warnings.push(m);
    try {
      await queue.submit(attempt("a"));
      await tick();
      await expect(queue.submit(attempt("b"))).resolves.toEqual({ responseId: "r-b" });
      await tick();
    } finally {
      console.warn = warn;
      queue.stop();
    }
    expect(warnings[0]).toMatch(/store gone/);
  });

  it("starts no fold once stopped, and still takes answers", async () => {
    const w = recordingWriter();
    let folds = 0;
    const queue = new SurveySubmissionQueue(w.writer, 500, {
      cap: 1,
      idleMs: 5,
      run: async () => {
        folds += 1;
      },
    });
    queue.stop();
    await expect(queue.submit(attempt("a"))).resolves.toEqual({ responseId: "r-a" });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(folds).toBe(0);
  });
});
