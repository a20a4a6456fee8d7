// Tier 2: one private dockerd and one locally built PostgreSQL image for the
// whole run (see dockerd.ts and postgres-test-image.ts).
import type { TestProject } from 'vitest/node';
import { docker, hostPostgres, startTestDockerd, type TestDockerd } from './dockerd.js';
import { buildTestPostgresImage } from './postgres-test-image.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `unix://…` of the private dockerd. */
    dockerHost: string;
    /** Tag of the image that stands in for the official `postgres` image. */
    testPostgresImage: string;
    /** The machine's /usr/lib/postgresql/<major>/bin, for tests that need host pg tools. */
    pgBinDir: string;
  }
}

let daemon: TestDockerd | undefined;

async function ids(dockerHost: string, args: string[]): Promise<string[]> {
  const { stdout } = await docker(dockerHost, args);
  return stdout.toString('utf8').split('\n').filter(Boolean);
}

export async function setup(project: TestProject): Promise<void> {
  const pg = hostPostgres();
  if (!pg) throw new Error('No PostgreSQL under /usr/lib/postgresql (apt-get install postgresql)');
  const started = Date.now();
  daemon = await startTestDockerd();
  const ready = Date.now();
  try {
    const image = await buildTestPostgresImage(daemon.dockerHost);
    console.log(
      `Tier 2: private dockerd (${daemon.storageDriver}) ready in ${((ready - started) / 1000).toFixed(1)} s, ` +
        `${image} built in ${((Date.now() - ready) / 1000).toFixed(1)} s`,
    );
    project.provide('dockerHost', daemon.dockerHost);
    project.provide('testPostgresImage', image);
    project.provide('pgBinDir', pg.binDir);
  } catch (error) {
    await teardown();
    throw error;
  }
}

export async function teardown(): Promise<void> {
  if (!daemon) return;
  const { dockerHost } = daemon;
  try {
    // Whatever the tests left behind; stopping dockerd would stop containers too, but not remove volumes.
    const containers = await ids(dockerHost, ['ps', '--all', '--quiet']);
    if (containers.length) await docker(dockerHost, ['rm', '--force', '--volumes', ...containers]);
    const volumes = await ids(dockerHost, ['volume', 'ls', '--quiet']);
    if (volumes.length) await docker(dockerHost, ['volume', 'rm', '--force', ...volumes]);
  } finally {
    await daemon.stop();
    daemon = undefined;
  }
}
