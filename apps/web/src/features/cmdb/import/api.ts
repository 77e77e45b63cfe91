import type {
  ImportPreview,
  ImportProgressPhase,
  ImportReport,
  ImportSource,
  ImportStreamLine,
  Problem,
} from '@guichet/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API_BASE, ApiError, api, csrfHeaders } from '../../../lib/api';
import { cmdbKeys } from '../api';
import { ndjsonSplitter } from './ndjson';

/** The mapping as the preview answers it and the import takes it (every part present). */
export type ImportMappingDraft = ImportPreview['mapping'];
/** A report without its issues, headers and mapping (GET /cmdb/imports). */
export type ImportSummary = Omit<ImportReport, 'errors' | 'warnings' | 'headers' | 'mapping'>;
export interface ImportProgress {
  phase: ImportProgressPhase;
  done: number;
  total: number;
}

/** The file size the server accepts (IMPORT_MAX_BYTES); checked here too, before any upload. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

export const importKeys = {
  all: ['cmdb', 'imports'] as const,
  list: ['cmdb', 'imports', 'list'] as const,
  report: (id: number) => ['cmdb', 'imports', 'report', id] as const,
  sources: ['cmdb', 'imports', 'sources'] as const,
};

export const useImportSources = () =>
  useQuery({
    queryKey: importKeys.sources,
    queryFn: ({ signal }) => api.get<ImportSource[]>('/cmdb/import-sources', undefined, { signal }),
  });

export const useImportList = () =>
  useQuery({
    queryKey: importKeys.list,
    queryFn: ({ signal }) => api.get<ImportSummary[]>('/cmdb/imports', { limit: 50 }, { signal }),
  });

export const useImportReport = (id: number) =>
  useQuery({
    queryKey: importKeys.report(id),
    queryFn: ({ signal }) => api.get<ImportReport>(`/cmdb/imports/${id}`, undefined, { signal }),
    enabled: id > 0,
  });

export interface PreviewInput {
  file: File;
  sheet?: string;
  source?: string;
}

function formOf(fields: Record<string, string | undefined>, file: File): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v) form.append(k, v);
  form.append('file', file, file.name); // last, as a browser form sends it
  return form;
}

export const usePreviewImport = () =>
  useMutation({
    mutationFn: ({ file, sheet, source }: PreviewInput) =>
      api.post<ImportPreview>('/cmdb/imports/preview', formOf({ sheet, source }, file)),
  });

export function useSaveSource() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ name, mapping }: { name: string; mapping: ImportMappingDraft }) =>
      api.put<ImportSource>(`/cmdb/import-sources/${encodeURIComponent(name)}`, mapping),
    onSuccess: () => void qc.invalidateQueries({ queryKey: importKeys.sources }),
  });
}

export interface RunInput {
  file: File;
  sheet?: string;
  /** recorded on the report; on apply the server also saves the mapping to it */
  source?: string;
  mapping: ImportMappingDraft;
  apply: boolean;
}

const problemOf = async (res: Response): Promise<Partial<Problem> | null> => {
  try {
    return (await res.json()) as Partial<Problem>;
  } catch {
    return null;
  }
};

/**
 * POST /cmdb/imports as a stream of NDJSON lines: `onProgress` gets each progress line, the promise the
 * final report. An error line (or a refused request) rejects with an ApiError like any other call.
 */
export async function runImport(
  input: RunInput,
  onProgress: (p: ImportProgress) => void,
  signal?: AbortSignal,
): Promise<ImportReport> {
  const body = formOf(
    {
      sheet: input.sheet,
      source: input.source,
      mapping: JSON.stringify(input.mapping),
      apply: input.apply ? 'true' : undefined,
    },
    input.file,
  );
  let res: Response;
  try {
    res = await fetch(`${API_BASE}/cmdb/imports`, {
      method: 'POST',
      headers: { accept: 'application/x-ndjson', ...csrfHeaders() },
      body,
      signal,
      credentials: 'same-origin',
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, null, 'network error');
  }
  if (!res.ok || !res.body) throw new ApiError(res.status, await problemOf(res), `HTTP ${res.status}`);

  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const lines = ndjsonSplitter();
  const handle = (raw: unknown): ImportReport | undefined => {
    const line = raw as ImportStreamLine;
    if (line.type === 'progress') onProgress({ phase: line.phase, done: line.done, total: line.total });
    else if (line.type === 'report') return line.report;
    else if (line.type === 'error') {
      const { code, message, errors } = line.error;
      throw new ApiError(code === 'internal' ? 500 : 400, { code, detail: message, errors }, message);
    }
    return undefined;
  };
  try {
    for (;;) {
      const { value, done } = await reader.read();
      const batch = done ? lines.end() : lines.push(value);
      for (const raw of batch) {
        const report = handle(raw);
        if (report) return report;
      }
      if (done) break;
    }
  } catch (err) {
    if (err instanceof ApiError || (err instanceof DOMException && err.name === 'AbortError')) throw err;
    throw new ApiError(0, null, 'network error');
  } finally {
    reader.releaseLock();
  }
  // the connection closed before the last line: the apply may or may not have committed
  throw new ApiError(0, null, 'the import stream ended early');
}

/** After an apply the inventory and the list of imports are stale. */
export function useInvalidateAfterImport() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: cmdbKeys.all });
  };
}
