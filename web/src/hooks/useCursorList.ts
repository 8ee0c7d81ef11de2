import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type Page, type Query } from '../lib/api.ts';

export type CursorList<T> = {
  items: T[];
  total: number;
  loading: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
  /** Replaces one row in place after an edit, without reloading. */
  replace: (match: (row: T) => boolean, row: T) => void;
};

/**
 * A keyset-paginated list (`{items, total, next_cursor}`): the first page loads whenever the query
 * changes, more pages append on demand.
 */
export function useCursorList<T>(path: string, query: Query, pageSize = 50): CursorList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [total, setTotal] = useState(0);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const queryKey = JSON.stringify(query);
  const latest = useRef(0);

  const load = useCallback(
    async (after: string | null, append: boolean) => {
      const ticket = ++latest.current;
      setLoading(true);
      setError(null);
      try {
        const q = JSON.parse(queryKey) as Query;
        const page = await api.get<Page<T>>(path, { ...q, limit: pageSize, cursor: after });
        if (ticket !== latest.current) return;
        setItems((prev) => (append ? [...prev, ...page.items] : page.items));
        setTotal(page.total);
        setCursor(page.next_cursor);
      } catch (err) {
        if (ticket === latest.current) setError(err);
      } finally {
        if (ticket === latest.current) setLoading(false);
      }
    },
    [path, queryKey, pageSize],
  );

  useEffect(() => {
    void load(null, false);
  }, [load, generation]);

  return {
    items,
    total,
    loading,
    error,
    hasMore: cursor !== null,
    loadMore: () => void load(cursor, true),
    reload: () => setGeneration((g) => g + 1),
    replace: (match, row) => setItems((prev) => prev.map((r) => (match(r) ? row : r))),
  };
}
