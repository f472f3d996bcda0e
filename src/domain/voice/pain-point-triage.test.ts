import { describe, expect, it } from "vitest";
import { canMoveTo, hoursBetween, isQuickWin } from "./pain-point-triage.js";

describe("pain-point triage", () => {
  it("moves forward, and reopens only from a closed state", () => {
    expect(canMoveTo("new", "acknowledged")).toBe(true);
    expect(canMoveTo("acknowledged", "new")).toBe(false);
    expect(canMoveTo("done", "in_progress")).toBe(false);
    expect(canMoveTo("declined", "acknowledged")).toBe(true);
  });

  it("flags small, open, voted pain points as quick wins", () => {
    expect(isQuickWin({ status: "acknowledged", effort: "small", votes: 3 })).toBe(true);
    expect(isQuickWin({ status: "acknowledged", effort: "small", votes: 2 })).toBe(false);
    expect(isQuickWin({ status: "acknowledged", effort: "medium", votes: 9 })).toBe(false);
    expect(isQuickWin({ status: "done", effort: "small", votes: 9 })).toBe(false);
    expect(isQuickWin({ status: "new", effort: null, votes: 9 })).toBe(false);
  });

  it("measures hours with one decimal", () => {
    expect(hoursBetween("2026-01-01T00:00:00Z", "2026-01-02T06:30:00Z")).toBe(30.5);
  });
});
