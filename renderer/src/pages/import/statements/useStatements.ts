// The statement import's calls: the preview (read again as the mapping
// changes, the last answer kept on screen meanwhile), the import with its
// progress events, past imports and undo, and saved mappings.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { EventPayload, MethodInput } from '../../../../../preload/contract.js';
import type { StatementSource } from '../../../../../preload/contract-imports.js';
import { call } from '../../../api';
import { useDebouncedValue } from '../../../hooks/useDebouncedValue';
import { keys, refreshTransactionData } from '../../../queries';

type Choice = Omit<MethodInput<'previewStatement'>, 'source'>;

/** A file the user gave: `key` tells files apart in query keys without carrying their bytes. */
export interface ChosenFile {
  key: string;
  name: string;
  source: StatementSource;
}

const statementKeys = {
  imports: ['statements', 'imports'] as const,
  profiles: ['statements', 'profiles'] as const,
  preview: (file: string, choice: Choice) => ['statements', 'preview', file, choice] as const,
};

/** A dropped file as the contract carries it. */
export function readDroppedFile(file: File): Promise<ChosenFile> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve({
        key: `drop:${file.name}:${file.size}:${file.lastModified}`,
        name: file.name,
        source: { fileName: file.name, base64: url.slice(url.indexOf(',') + 1) },
      });
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

export function useStatementPreview(file: ChosenFile | null, choice: Choice) {
  // Typing a profile name or a column waits for a pause rather than reading the file on every key.
  const settled = useDebouncedValue(choice, 250);
  return useQuery({
    queryKey: statementKeys.preview(file?.key ?? '', settled),
    queryFn: () => call('previewStatement', { ...settled, source: (file as ChosenFile).source }),
    enabled: file !== null,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useStatementImports() {
  return useQuery({ queryKey: statementKeys.imports, queryFn: () => call('listStatementImports', undefined) });
}

export function useImportProfiles() {
  return useQuery({ queryKey: statementKeys.profiles, queryFn: () => call('listImportProfiles', undefined) });
}

export function useSaveProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: MethodInput<'saveImportProfile'>) => call('saveImportProfile', input),
    onSuccess: () => client.invalidateQueries({ queryKey: statementKeys.profiles }),
  });
}

/** After rows arrived or left: every page's view of the transactions, the imports and the accounts. */
function useImportsChanged() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      refreshTransactionData(client),
      client.invalidateQueries({ queryKey: ['statements'] }),
      client.invalidateQueries({ queryKey: keys.accounts }),
    ]);
}

let runs = 0;

/** The import, with its progress while it runs. */
export function useImportStatement() {
  const changed = useImportsChanged();
  const [progress, setProgress] = useState<EventPayload<'import:progress'> | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: async (input: MethodInput<'importStatement'>) => {
      // Listening only while this import runs, from before it starts, so no early report is missed.
      const stop =
        'api' in window
          ? window.api.on('import:progress', (p) => {
              if (p.id === input.id) setProgress(p);
            })
          : () => undefined;
      try {
        return await call('importStatement', input);
      } finally {
        stop();
      }
    },
    onSettled: () => changed(),
  });
  const cancel = useMutation({ mutationFn: (id: string) => call('cancelStatementImport', { id }) });
  return {
    mutation,
    cancel,
    progress,
    runId,
    start: (input: Omit<MethodInput<'importStatement'>, 'id'>) => {
      const id = `statement-${Date.now()}-${++runs}`;
      setProgress(null);
      setRunId(id);
      cancel.reset();
      mutation.mutate({ ...input, id });
    },
  };
}

export function useUndoImport() {
  const changed = useImportsChanged();
  return useMutation({
    mutationFn: (id: number) => call('undoStatementImport', { id }),
    onSuccess: () => changed(),
  });
}
