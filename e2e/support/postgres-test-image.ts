// Tier 2's PostgreSQL image, built on this machine: no registry is reachable
// here, so instead of pulling `postgres` we package the machine's own Debian
// PostgreSQL (binaries, the shared libraries ldd finds, its share/ and the
// time zones) with an entrypoint that behaves like the official image's as far
// as Spending uses it.
import {
  chmod,
  chown,
  copyFile,
  cp,
  lstat,
  mkdir,
  mkdtemp,
  readlink,
  readdir,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CommandError, docker, hostPostgres, runCommand } from './dockerd.js';

/** The official image's layout: from 18 on, PGDATA sits in a per-major directory and the volume one level up. */
function dataLayout(major: string): { pgdata: string; volume: string } {
  return Number(major) >= 18
    ? { pgdata: `/var/lib/postgresql/${major}/docker`, volume: '/var/lib/postgresql' }
    : { pgdata: '/var/lib/postgresql/data', volume: '/var/lib/postgresql/data' };
}
// The official image's postgres user; a fresh named volume mounted on PGDATA inherits its ownership.
const POSTGRES_UID = 999;

// Not needed in a test server, and large: LLVM JIT (its library pulls in libLLVM), headers for extensions, man pages.
const SKIPPED = new Set(['bitcode', 'llvmjit.so', 'llvmjit_types.bc', 'pgxs', 'man']);

// For `docker exec … sh -c` and a look around; the entrypoint needs only sh.
const TOOLS = ['cat', 'ls', 'mkdir', 'rm', 'mv', 'chmod', 'id', 'env'];

export function defaultTestPostgresTag(): string {
  const pg = hostPostgres();
  if (!pg) throw new Error('No PostgreSQL under /usr/lib/postgresql (apt-get install postgresql)');
  return `spending-test/postgres:${pg.major}-local`;
}

// Stand-in for the official image's docker-entrypoint.sh, faithful where it touches security: initdb gets
// POSTGRES_INITDB_ARGS as they are, so without --auth-host/--auth-local its own pg_hba.conf trusts local and
// loopback connections; then, unless POSTGRES_HOST_AUTH_METHOD says otherwise, one rule asks everyone else
// for the password_encryption method. postgres itself refuses to run as root.
// The one departure: the official image takes encoding and locale from its LANG (en_US.utf8), for which this
// image has no locale files, so initdb is told UTF8 and C directly; POSTGRES_INITDB_ARGS come after and win.
// (A template literal: \${ and \\n are the script's own ${ and \n.)
const ENTRYPOINT = `#!/bin/sh
set -eu

# As the official image: "-c x=y" alone means "postgres -c x=y"; any other command just runs.
if [ "$#" -eq 0 ] || [ "\${1#-}" != "$1" ]; then set -- postgres "$@"; fi
if [ "$1" != postgres ]; then exec "$@"; fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  POSTGRES_USER="\${POSTGRES_USER:-postgres}"
  POSTGRES_DB="\${POSTGRES_DB:-$POSTGRES_USER}"
  if [ -z "\${POSTGRES_PASSWORD:-}" ] && [ "\${POSTGRES_HOST_AUTH_METHOD:-}" != trust ]; then
    echo 'Database is uninitialized and POSTGRES_PASSWORD is not set (or set POSTGRES_HOST_AUTH_METHOD=trust).' >&2
    exit 1
  fi
  # The password reaches initdb on a pipe, never on a command line; eval splits POSTGRES_INITDB_ARGS as the
  # official image does.
  printf '%s\\n' "\${POSTGRES_PASSWORD:-}" |
    eval 'initdb --username="$POSTGRES_USER" --pwfile=/dev/stdin --encoding=UTF8 --locale=C '"\${POSTGRES_INITDB_ARGS:-}"
  # As the official image: listen everywhere unless the arguments say otherwise, and one rule for any other host.
  auth="\${POSTGRES_HOST_AUTH_METHOD:-$(shift; postgres -C password_encryption "$@")}"
  printf "\\nlisten_addresses = '*'\\n" >> "$PGDATA/postgresql.conf"
  printf '\\nhost all all all %s\\n' "$auth" >> "$PGDATA/pg_hba.conf"
  if [ "$POSTGRES_DB" != postgres ]; then
    # A server on the unix socket only, so nothing connects before the database exists.
    export PGPASSWORD="\${POSTGRES_PASSWORD:-}"
    pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p \${PGPORT:-5432}" -w start
    psql -v ON_ERROR_STOP=1 --no-psqlrc --no-password --username="$POSTGRES_USER" --dbname=postgres \\
      --set db="$POSTGRES_DB" <<'SQL'
CREATE DATABASE :"db";
SQL
    pg_ctl -D "$PGDATA" -m fast -w stop
    unset PGPASSWORD
  fi
  echo 'PostgreSQL init process complete; ready for start up.'
fi

# postgres becomes PID 1 and so receives docker's stop signal (SIGINT: fast shutdown).
exec "$@"
`;

/** The image's settings on top of the imported files (`docker import --change` cannot set STOPSIGNAL). */
function dockerfile(base: string, major: string, binDir: string): string {
  const { pgdata, volume } = dataLayout(major);
  return [
    `FROM ${base}`,
    `ENV PG_MAJOR=${major} PGDATA=${pgdata} PATH=${binDir}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
    'USER postgres',
    `VOLUME ${volume}`,
    'STOPSIGNAL SIGINT',
    'EXPOSE 5432',
    'ENTRYPOINT ["docker-entrypoint.sh"]',
    'CMD ["postgres"]',
    '',
  ].join('\n');
}

/** Every shared library (and the loader) the given ELF files need, as ldd names them. */
async function sharedLibraries(files: readonly string[]): Promise<Set<string>> {
  // ldd exits non-zero when any argument is not dynamic; its output still lists the others' libraries.
  const { stdout } = await runCommand('ldd', files).catch((error: unknown) => {
    if (error instanceof CommandError) return error;
    throw error;
  });
  const libraries = new Set<string>();
  for (const line of stdout.toString('utf8').split('\n')) {
    const match = /=>\s+(\/\S+)\s+\(/.exec(line) ?? /^\s+(\/\S+)\s+\(/.exec(line);
    if (match?.[1]) libraries.add(match[1]);
  }
  return libraries;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Copies a file to the same path under root (following it if it is a symlink). */
async function copyInto(root: string, file: string): Promise<void> {
  const target = join(root, file);
  await mkdir(dirname(target), { recursive: true });
  await copyFile(file, target);
}

async function makeRootfs(root: string, major: string, binDir: string): Promise<void> {
  // The same merged-/usr layout as the host (/lib -> usr/lib, …), so library paths from ldd are valid inside.
  for (const dir of ['usr/bin', 'usr/sbin', 'usr/lib', 'usr/lib64', 'usr/local/bin']) {
    await mkdir(join(root, dir), { recursive: true });
  }
  for (const link of ['bin', 'sbin', 'lib', 'lib64']) {
    const stat = await lstat(`/${link}`).catch(() => undefined);
    if (stat?.isSymbolicLink()) await symlink(await readlink(`/${link}`), join(root, link));
  }

  const pgRoot = dirname(binDir);
  const filter = (source: string) => !source.split('/').some((part) => SKIPPED.has(part));
  for (const dir of [pgRoot, `/usr/share/postgresql/${major}`, '/usr/share/zoneinfo']) {
    await cp(dir, join(root, dir), { recursive: true, verbatimSymlinks: true, filter });
  }

  const sh = '/bin/sh';
  await copyInto(root, sh);
  const tools = TOOLS.map((name) =>
    ['/usr/bin', '/bin'].map((dir) => join(dir, name)).find((f) => existsSync(f)),
  ).filter((file): file is string => file !== undefined);
  for (const tool of tools) await copyInto(root, tool);

  const elfCandidates = [...(await filesUnder(pgRoot)).filter(filter), sh, ...tools];
  for (const library of await sharedLibraries(elfCandidates)) await copyInto(root, library);

  await mkdir(join(root, 'etc'), { recursive: true });
  await writeFile(
    join(root, 'etc/passwd'),
    `root:x:0:0:root:/root:/bin/sh\npostgres:x:${POSTGRES_UID}:${POSTGRES_UID}:PostgreSQL administrator:/var/lib/postgresql:/bin/sh\n`,
  );
  await writeFile(join(root, 'etc/group'), `root:x:0:\npostgres:x:${POSTGRES_UID}:\n`);
  await writeFile(join(root, 'etc/nsswitch.conf'), 'passwd: files\ngroup: files\nhosts: files dns\n');

  const owned = async (dir: string, mode: number) => {
    await mkdir(join(root, dir), { recursive: true });
    await chown(join(root, dir), POSTGRES_UID, POSTGRES_UID);
    await chmod(join(root, dir), mode);
  };
  await owned('/var/lib/postgresql', 0o755);
  // A fresh named volume copies this directory's owner and mode: postgres (not root) can initdb in it.
  await owned(dataLayout(major).pgdata, 0o700);
  await owned('/var/run/postgresql', 0o3777); // unix sockets of pg_ctl's temporary server and of psql
  await mkdir(join(root, 'tmp'), { recursive: true });
  await chmod(join(root, 'tmp'), 0o1777);

  const entrypoint = join(root, 'usr/local/bin/docker-entrypoint.sh');
  await writeFile(entrypoint, ENTRYPOINT);
  await chmod(entrypoint, 0o755);
}

async function imageExists(dockerHost: string, tag: string): Promise<boolean> {
  return docker(dockerHost, ['image', 'inspect', tag]).then(
    () => true,
    () => false,
  );
}

/** Builds the image unless the daemon already has `tag`; returns the tag. */
export async function buildTestPostgresImage(dockerHost: string, tag = defaultTestPostgresTag()): Promise<string> {
  if (await imageExists(dockerHost, tag)) return tag;
  const pg = hostPostgres();
  if (!pg) throw new Error('No PostgreSQL under /usr/lib/postgresql (apt-get install postgresql)');
  const context = await mkdtemp(join(tmpdir(), 'spending-pg-image-'));
  const base = `${tag}-rootfs`;
  try {
    const root = join(context, 'rootfs');
    await makeRootfs(root, pg.major, pg.binDir);
    const rootfsTar = join(context, 'rootfs.tar');
    await runCommand('tar', ['--numeric-owner', '-C', root, '-cf', rootfsTar, '.']);
    await rm(root, { recursive: true, force: true });
    // import keeps the tar's owners and modes and is quicker than a build that ADDs the same tar.
    await docker(dockerHost, ['import', rootfsTar, base]);
    await rm(rootfsTar);
    await writeFile(join(context, 'Dockerfile'), dockerfile(base, pg.major, pg.binDir));
    await docker(dockerHost, ['build', '--quiet', '--tag', tag, context]);
    await docker(dockerHost, ['image', 'rm', base]); // only the name: the image is tag's parent layer
    return tag;
  } finally {
    await rm(context, { recursive: true, force: true });
  }
}
