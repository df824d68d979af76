import type { VNode } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorBox, Loading } from './components';

/** Loads a module on first render, then renders with it. */
export function Lazy<M>({ load, render }: { load: () => Promise<M>; render: (module: M) => VNode }) {
  const [module, setModule] = useState<M | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    load().then(
      (m) => live && setModule(() => m),
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [load]);
  if (error) return <ErrorBox error={error} retry={() => location.reload()} />;
  if (!module) return <Loading />;
  return render(module);
}
