// The app's settings file (userData/config.json). It names the active store
// and never holds a secret: passwords live in the OS keychain.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../db/errors.js';
import { configFile, defaultSqlitePath } from './app-paths.js';

const PostgresUrlWithoutPassword = z
  .string()
  .regex(/^postgres(ql)?:\/\//i, 'Expected a postgres:// URL')
  .refine(
    (url) => !URL.canParse(url) || new URL(url).password === '',
    'A password must not be stored in the config file',
  );

export const Config = z.object({
  version: z.literal(1).default(1),
  store: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('sqlite'), path: z.string().min(1) }),
      z.object({ kind: z.literal('postgres'), url: PostgresUrlWithoutPassword }),
    ])
    .optional(),
  /** Where the Fernet key lives; the OS keychain unless the user chose a passphrase file. */
  secrets: z.object({ backend: z.enum(['os-keychain', 'passphrase-file']) }).optional(),
});
export type Config = z.infer<typeof Config>;
export type StoreSetting = NonNullable<Config['store']>;

export async function loadConfig(dir: string): Promise<Config> {
  let text: string;
  try {
    text = await readFile(configFile(dir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Config.parse({});
    throw error;
  }
  const invalid = (problem: string) =>
    new AppError(
      'invalid_input',
      `The settings file ${configFile(dir)} is not valid: ${problem}.`,
      'Fix or delete the file; Spending recreates it with defaults.',
    );
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalid('it is not JSON');
  }
  const parsed = Config.safeParse(json);
  if (!parsed.success) throw invalid(parsed.error.issues[0]?.message ?? 'unknown problem');
  return parsed.data;
}

/** Writes atomically: a crash leaves either the old file or the new one. */
export async function saveConfig(dir: string, config: Config): Promise<void> {
  const file = configFile(dir);
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(Config.parse(config), null, 2)}\n`, { mode: 0o600 });
  await rename(temp, file);
}

/** The store the app uses: the configured one, else SQLite in userData. */
export function activeStore(dir: string, config: Config): StoreSetting {
  return config.store ?? { kind: 'sqlite', path: defaultSqlitePath(dir) };
}
