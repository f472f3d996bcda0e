import { SingleBar } from "cli-progress";
import type { CliOutput } from "./output.js";

/** Rows read and rows per second: a bar on a terminal, a plain line every few seconds otherwise (logs, CI). */
export const importProgress = (out: CliOutput, tty: boolean) => {
  const started = Date.now();
  const rate = (read: number) => Math.round(read / Math.max((Date.now() - started) / 1000, 0.001));
  if (tty) {
    // The total is unknown while streaming, so the bar shows counts rather than a percentage.
    const bar = new SingleBar({
      format: "importing | {value} rows | {rate} rows/s",
      stream: process.stderr,
      hideCursor: true,
    });
    bar.start(0, 0, { rate: 0 });
    return {
      update: (read: number) => bar.update(read, { rate: rate(read) }),
      stop: () => bar.stop(),
    };
  }
  let lastLine = 0;
  return {
    update: (read: number) => {
      if (Date.now() - lastLine < 2000) return;
      lastLine = Date.now();
      out.info(`read ${read.toLocaleString("en")} rows (${rate(read).toLocaleString("en")} rows/s)`);
    },
    stop: () => undefined,
  };
};
