import { describe, expect, it } from "vitest";
import { commentThemes, readComment } from "./comment-themes.js";

const comments = [
  { id: "a", text: "The staff planner crashes every morning. Terrible." },
  { id: "b", text: "Staff planners were slow again, I lost two hours." },
  { id: "c", text: "Great help from the service desk, thank you!" },
  { id: "d", text: "The service desk was friendly and quick. Excellent." },
  { id: "e", text: "The staff planner is awful, it loses my shifts." },
  { id: "f", text: "Printer fixed." },
];

describe("commentThemes", () => {
  it("groups lemmatised noun phrases and counts the comments that mention them", () => {
    const result = commentThemes(comments);
    const byTheme = new Map(result.themes.map((theme) => [theme.theme, theme]));
    // "staff planner" (a, e) and "staff planners" (b) lemmatise to one theme.
    expect(byTheme.get("staff planner")?.count).toBe(3);
    expect(byTheme.get("service desk")?.count).toBe(2);
    expect(result.themes[0]?.theme).toBe("staff planner");
    // "printer" appears once: below the default minimum of 2.
    expect(byTheme.has("printer")).toBe(false);
  });

  it("drops stop words and scores sentiment in -1..1", () => {
    const result = commentThemes(comments, { minCount: 1 });
    for (const theme of result.themes) {
      expect(theme.theme).not.toMatch(/\b(the|my|it|i)\b/);
    }
    expect(Object.keys(result.sentiments).sort()).toEqual(["a", "b", "c", "d", "e", "f"]);
    for (const score of Object.values(result.sentiments)) {
      expect(score).toBeGreaterThanOrEqual(-1);
      expect(score).toBeLessThanOrEqual(1);
    }
    expect(result.sentiments.c).toBeGreaterThan(0);
    expect(result.sentiments.a).toBeLessThan(0);
    const planner = result.themes.find((theme) => theme.theme === "staff planner");
    const desk = result.themes.find((theme) => theme.theme === "service desk");
    expect(planner?.sentiment).toBeLessThan(0);
    expect(desk?.sentiment).toBeGreaterThan(0);
  });

  it("lists the most negative examples first and honours the limits", () => {
    const result = commentThemes(comments, { examplesPerTheme: 1, maxThemes: 1 });
    expect(result.themes).toHaveLength(1);
    expect(result.themes[0]?.exampleIds).toHaveLength(1);
    const worst = ["a", "b", "e"].reduce((low, id) =>
      (result.sentiments[id] ?? 0) < (result.sentiments[low] ?? 0) ? id : low,
    );
    expect(result.themes[0]?.exampleIds[0]).toBe(worst);
  });

  it("reads markup as text and ignores empty comments", () => {
    expect(readComment("").themes.size).toBe(0);
    expect(readComment("   ").sentiment).toBe(0);
    const reading = readComment("<script>alert(1)</script> the laptop docking station broke");
    expect([...reading.themes]).not.toContain("script");
    expect([...reading.themes]).toContain("docking station");
    expect(commentThemes([]).themes).toEqual([]);
  });
});
