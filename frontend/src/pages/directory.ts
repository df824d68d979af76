import { useEffect, useState } from 'preact/hooks';
import { gql } from '../api';
import type { QueryState } from '../components';

export interface Directory {
  agencies: { slug: string; name: string; shortName: string; description: string }[];
  categories: { slug: string; name: string; description: string }[];
}

const DIRECTORY = `query Directory {
  agencies { slug name shortName description }
  categories { slug name description }
}`;

let cached: Promise<Directory> | null = null;

/** Agencies and categories, fetched once per page load unless refreshed. */
export function loadDirectory(refresh = false): Promise<Directory> {
  if (!cached || refresh) {
    const p = gql<Directory>(DIRECTORY);
    p.catch(() => {
      if (cached === p) cached = null;
    });
    cached = p;
  }
  return cached;
}

export function useDirectory(): QueryState<Directory> {
  const [state, setState] = useState<{ data?: Directory; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    loadDirectory(tick > 0).then(
      (data) => live && setState({ data, loading: false }),
      (error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [tick]);
  return { ...state, reload: () => setTick((n) => n + 1) };
}
