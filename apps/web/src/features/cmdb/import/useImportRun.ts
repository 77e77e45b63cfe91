import type { ImportReport } from '@guichet/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type ImportProgress, type RunInput, runImport } from './api';

export type RunState =
  | { status: 'idle' }
  | { status: 'running'; progress: ImportProgress | null }
  | { status: 'done'; report: ImportReport }
  | { status: 'error'; error: unknown };

/** One streamed import (dry run or apply) and its progress; leaving the screen stops listening. */
export function useImportRun(onDone?: (report: ImportReport) => void) {
  const [state, setState] = useState<RunState>({ status: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const done = useRef(onDone);
  done.current = onDone;

  useEffect(() => () => abort.current?.abort(), []);

  const start = useCallback(async (input: RunInput) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setState({ status: 'running', progress: null });
    try {
      const report = await runImport(
        input,
        (progress) => {
          if (!controller.signal.aborted) setState({ status: 'running', progress });
        },
        controller.signal,
      );
      if (controller.signal.aborted) return;
      setState({ status: 'done', report });
      done.current?.(report);
    } catch (error) {
      if (!controller.signal.aborted) setState({ status: 'error', error });
    }
  }, []);

  const reset = useCallback(() => {
    abort.current?.abort();
    setState({ status: 'idle' });
  }, []);

  return { state, start, reset };
}
