import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, errorMessage } from '../api';
import { formatDateTime, timeLeft } from '../format';

export interface ActionState {
  busy: boolean;
  error: string | null;
  field: string | null;
  done: string | null;
  /** Runs fn; on success shows the message it returns. */
  run: (fn: () => Promise<string | void>) => Promise<boolean>;
  clear: () => void;
}

/** Tracks one staff action: busy while it runs, then its error or result. */
export function useAction(): ActionState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [field, setField] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return {
    busy,
    error,
    field,
    done,
    clear: () => {
      setError(null);
      setField(null);
      setDone(null);
    },
    run: async (fn) => {
      setBusy(true);
      setError(null);
      setField(null);
      setDone(null);
      try {
        const message = await fn();
        if (message) setDone(message);
        return true;
      } catch (err) {
        setError(errorMessage(err));
        setField(err instanceof ApiError ? (err.field ?? null) : null);
        return false;
      } finally {
        setBusy(false);
      }
    },
  };
}

export function ActionResult({ state }: { state: ActionState }) {
  if (state.error) {
    return (
      <div class="alert alert-error" role="alert">
        {state.error}
      </div>
    );
  }
  if (state.done) {
    return (
      <div class="alert alert-success" role="status">
        {state.done}
      </div>
    );
  }
  return null;
}

/** The time left on one clock, or when it was met. */
export function Clock({ label, due, metAt, now }: { label: string; due: string | null; metAt: string | null; now: number }) {
  if (!due) return null;
  if (metAt) {
    const late = new Date(metAt).getTime() > new Date(due).getTime();
    return (
      <span class={`clock ${late ? 'clock-late' : 'clock-ok'}`}>
        {label}: {late ? 'terlambat' : 'tepat waktu'} ({formatDateTime(metAt)})
      </span>
    );
  }
  const left = timeLeft(due, now);
  return (
    <span class={`clock ${left.late ? 'clock-late' : 'clock-ok'}`} title={`Batas: ${formatDateTime(due)}`}>
      {label}: {left.text}
      <span class="sr-only"> (batas {formatDateTime(due)})</span>
    </span>
  );
}

export function Field({ id, label, hint, children }: { id: string; label: string; hint?: string; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {hint && (
        <p class="hint" id={`${id}-bantu`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** Reads the value of an input, select or textarea event. */
export function valueOf(e: Event): string {
  return (e.target as HTMLInputElement).value;
}
