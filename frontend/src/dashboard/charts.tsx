import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * The width of an element in CSS pixels, followed as it changes. Charts draw
 * at this width, one unit to one pixel, so their text keeps its size on a
 * 360 px phone instead of shrinking with the drawing.
 */
export function useWidth<T extends HTMLElement>(fallback = 640): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(240, Math.round(el.clientWidth)));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** The colour of an on-time share: green from 80 %, amber from 50 %, red below. */
export function shareColour(ratio: number): string {
  return ratio >= 0.8 ? '#1e6b34' : ratio >= 0.5 ? '#8a4b00' : '#b3261e';
}
