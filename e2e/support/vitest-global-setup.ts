// One PostgreSQL server for the whole vitest run; each test file makes its
// own databases on it.
import type { TestProject } from 'vitest/node';
import { startTestPostgres, type TestPostgres } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

let server: TestPostgres | undefined;

export async function setup(project: TestProject): Promise<void> {
  server = await startTestPostgres();
  project.provide('pgAdminUrl', server.adminUrl);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
