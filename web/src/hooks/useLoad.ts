import { useCallback, useEffect, useState } from 'react';

export type Loaded<T> = { data: T | undefined; loading: boolean; error: unknown; reload: () => void };

/** Runs `fetcher` on mount and whenever `deps` change; `reload` runs it again. */
export function useLoad<T>(fetcher: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what the fetcher reads
  const run = useCallback(fetcher, deps);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    run()
      .then(
        (value) => {
          if (live) setData(value);
        },
        (err: unknown) => {
          if (live) setError(err);
        },
      )
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [run, generation]);

  return { data, loading, error, reload: () => setGeneration((g) => g + 1) };
}
