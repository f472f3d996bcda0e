/** The life of a pain point: the business posts it, IT triages it. */
export const painPointStatuses = [
  "new",
  "acknowledged",
  "planned",
  "in_progress",
  "done",
  "declined",
] as const;
export type PainPointStatus = (typeof painPointStatuses)[number];

const next: Record<PainPointStatus, readonly PainPointStatus[]> = {
  new: ["acknowledged", "planned", "in_progress", "done", "declined"],
  acknowledged: ["planned", "in_progress", "done", "declined"],
  planned: ["in_progress", "done", "declined"],
  in_progress: ["done", "declined", "planned"],
  // A closed pain point may be taken up again if it comes back.
  done: ["acknowledged"],
  declined: ["acknowledged"],
};

export const canMoveTo = (from: PainPointStatus, to: PainPointStatus): boolean => next[from].includes(to);

export const isClosed = (status: PainPointStatus): boolean => status === "done" || status === "declined";

/** Votes a small-effort, open pain point needs to be flagged a quick win. */
export const QUICK_WIN_VOTES = 3;

export const isQuickWin = (point: {
  status: PainPointStatus;
  effort: "small" | "medium" | "large" | null;
  votes: number;
}): boolean => point.effort === "small" && point.votes >= QUICK_WIN_VOTES && !isClosed(point.status);

/** Whole hours between two instants, one decimal (time to acknowledge, age). */
export const hoursBetween = (from: string, to: string): number =>
  Math.round((Date.parse(to) - Date.parse(from)) / 360_000) / 10;
