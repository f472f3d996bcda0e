import { type ReactNode, useEffect, useState } from "react";
import { apiGet, ProblemError } from "../api/api-client.js";
import type { Page } from "../api/api-types.js";
import type { EntityDescription } from "../entities/entity-description.js";
import { LoadingState } from "./loading-state.js";
import { NewItemLink } from "./new-item-link.js";
import { ShowArchivedToggle } from "./show-archived-toggle.js";

export interface Column<T> {
  label: string;
  render: (item: T) => ReactNode;
  /** Right-aligned numbers. */
  numeric?: boolean;
}

const PAGE_SIZE = 50;

/**
 * A searchable, paginated table of one kind of entity from `/api/v1/{path}`; with an entity
 * description, also "New …" for writers and a "Show archived" toggle.
 */
export const EntityList = <T extends { id: string; archivedAt?: string | null }>({
  title,
  path,
  columns,
  noun,
  one,
  actions,
  entity,
}: {
  title: string;
  /** e.g. "services" for /api/v1/services. */
  path: string;
  columns: Column<T>[];
  /** Plural, lower case: "services". */
  noun: string;
  /** Singular, lower case: "service". */
  one: string;
  actions?: ReactNode;
  entity?: EntityDescription;
}) => {
  const [showArchived, setShowArchived] = useState(false);
  const [text, setText] = useState("");
  const [query, setQuery] = useState("");
  const [items, setItems] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ProblemError | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);

  const load = async (cursor: string | null, signal?: AbortSignal) => {
    const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (query) params.set("q", query);
    if (cursor) params.set("cursor", cursor);
    if (showArchived) params.set("includeArchived", "true");
    return apiGet<Page<T>>(`/api/v1/${path}?${params}`, signal);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload on a new search only.
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    load(null, controller.signal).then(
      (page) => {
        setItems(page.items);
        setNextCursor(page.nextCursor);
        setError(null);
        setLoading(false);
      },
      (reason: unknown) => {
        if (controller.signal.aborted) return;
        if (reason instanceof ProblemError) setError(reason);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [path, query, showArchived]);

  const loadMore = async () => {
    if (!nextCursor) return;
    setLoading(true);
    try {
      const page = await load(nextCursor);
      setItems((previous) => [...previous, ...page.items]);
      setNextCursor(page.nextCursor);
    } catch (reason) {
      if (reason instanceof ProblemError) setError(reason);
    } finally {
      setLoading(false);
    }
  };

  return (
    <section>
      <div className="page-head">
        <h1>{title}</h1>
        {actions}
        {entity ? <NewItemLink entity={entity} /> : null}
      </div>
      <div className="toolbar">
        <input
          type="search"
          className="search"
          placeholder={`Search ${noun} by name`}
          aria-label={`Search ${noun}`}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        {entity ? <ShowArchivedToggle checked={showArchived} onChange={setShowArchived} /> : null}
        <span className="muted list-count" data-testid="list-count">
          {loading && items.length === 0
            ? "Loading…"
            : `${items.length}${nextCursor ? "+" : ""} ${items.length === 1 && !nextCursor ? one : noun}${query ? ` matching “${query}”` : ""}`}
        </span>
      </div>
      {error ? <LoadingState loading={false} error={error} what={noun} /> : null}
      <table className="data-table">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} className={c.numeric ? "numeric" : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} className={item.archivedAt ? "archived" : undefined}>
              {columns.map((c) => (
                <td key={c.label} className={c.numeric ? "numeric" : undefined}>
                  {c.render(item)}
                </td>
              ))}
            </tr>
          ))}
          {!loading && items.length === 0 && !error ? (
            <tr>
              <td colSpan={columns.length} className="muted">
                No {noun}
                {query ? ` match “${query}”` : " yet"}.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {nextCursor ? (
        <button type="button" className="secondary" onClick={loadMore} disabled={loading}>
          Load more
        </button>
      ) : null}
    </section>
  );
};
