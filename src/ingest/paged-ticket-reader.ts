import type { ReadResult, TicketReader } from "./ticket-reader.js";

/** One page of a live API read, with the watermark that is safe to store once the page is committed. */
export interface TicketPage {
  /** 1-based. */
  number: number;
  results: ReadResult[];
  /** ISO-8601 UTC instant: the highest "updated" seen so far; null when nothing carried one. */
  watermark: string | null;
}

/**
 * A ticket source read page by page (port), so that the sync can commit each page and advance its
 * watermark only past what is durably written.
 */
export interface PagedTicketReader {
  pages(): AsyncIterable<TicketPage>;
}

/** One page as a TicketReader, for one importTickets call. */
export const pageReader = (page: TicketPage): TicketReader => ({
  async *read() {
    yield* page.results;
  },
});
