// The Import page's statement methods that read files: the system's file
// picker, the preview and the import itself (with progress and cancel). They
// run where the dialog and the files are; the store-only ones (past imports,
// undo, saved mappings, accounts) are in store-handlers.ts.
import type { Store } from '../../db/store.js';
import type { EventPayload } from '../../preload/contract.js';
import type { StatementSource } from '../../preload/contract-imports.js';
import {
  readStatementFile,
  importStatement,
  type StatementBytes,
} from '../services/finance/imports/import-statement.js';
import { previewStatement } from '../services/finance/imports/statement-preview.js';
import type { Handlers } from './dispatch.js';

export interface ImportHandlerContext {
  /** The active store; a getter because the user can switch stores. */
  store(): Store;
  /** The system's file picker; null when the user cancels. */
  chooseFile(title: string): Promise<string | null>;
  emit(payload: EventPayload<'import:progress'>): void;
}

type ImportMethods = Pick<
  Handlers,
  'chooseStatementFile' | 'previewStatement' | 'importStatement' | 'cancelStatementImport'
>;

async function bytesOf(source: StatementSource): Promise<StatementBytes> {
  if ('path' in source) return readStatementFile(source.path);
  return { fileName: source.fileName, bytes: Buffer.from(source.base64, 'base64') };
}

export function createImportHandlers(ctx: ImportHandlerContext): ImportMethods {
  const running = new Map<string, AbortController>();
  return {
    chooseStatementFile: async () => ({ path: await ctx.chooseFile('A statement file from your bank') }),
    previewStatement: async ({ source, ...choice }) => previewStatement(ctx.store(), await bytesOf(source), choice),
    importStatement: async ({ id, source, ...choice }) => {
      const controller = new AbortController();
      running.set(id, controller);
      try {
        ctx.emit({ id, phase: 'reading', done: 0, total: 0 });
        const file = await bytesOf(source);
        const report = await importStatement(ctx.store(), file, file.fileName, {
          ...choice,
          signal: controller.signal,
          onProgress: (done, total) => ctx.emit({ id, phase: 'writing', done, total }),
        });
        const { file: fileName, format, added, duplicates, unreadable, warnings, importIds } = report;
        return { fileName, format, added, duplicates, unreadable, warnings, importIds };
      } finally {
        running.delete(id);
      }
    },
    cancelStatementImport: ({ id }) => {
      const controller = running.get(id);
      controller?.abort();
      return Promise.resolve({ cancelled: controller !== undefined });
    },
  };
}
