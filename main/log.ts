// The main process log (userData/logs/main.log). Every line passes through
// redact() because errors from drivers and HTTP clients like to quote URLs,
// headers and bodies that carry passwords and tokens.
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { inspect } from 'node:util';

export interface Logger {
  info: (message: string, ...details: unknown[]) => void;
  warn: (message: string, ...details: unknown[]) => void;
  error: (message: string, ...details: unknown[]) => void;
}

const SECRET_KEYS = 'password|passwd|pwd|secret|client_secret|token|access_token|refresh_token|id_token|api_?key';

const RULES: readonly [RegExp, string][] = [
  // scheme://user:password@host
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s/@]+@/gi, '$1***@'],
  [new RegExp(`\\b(${SECRET_KEYS})=[^\\s&;,]+`, 'gi'), '$1=***'],
  [new RegExp(`("(?:${SECRET_KEYS})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi'), '$1"***"'],
  [new RegExp(`\\b((?:${SECRET_KEYS})'?\\s*:\\s*)'(?:[^'\\\\]|\\\\.)*'`, 'gi'), "$1'***'"],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, '$1 ***'],
  // JWTs and Fernet tokens, wherever they appear.
  [/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g, '***'],
  [/\bgAAAAA[A-Za-z0-9_=-]{20,}/g, '***'],
];

export function redact(text: string): string {
  return RULES.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

function describe(detail: unknown): string {
  // inspect() keeps an error's stack, cause and driver fields such as `code`.
  return typeof detail === 'string' ? detail : inspect(detail, { depth: 4, breakLength: Infinity });
}

export function formatLine(level: string, message: string, details: readonly unknown[], now = new Date()): string {
  const text = [message, ...details.map(describe)].join(' ');
  return `${now.toISOString()} ${level.toUpperCase()} ${redact(text)}\n`;
}

const MAX_BYTES = 5 * 1024 * 1024;

export interface LoggerOptions {
  /** Also print to the terminal (development). */
  echo?: boolean;
}

/** Writes synchronously so the last lines before a crash are on disk. Logging never throws. */
export function createFileLogger(file: string, options: LoggerOptions = {}): Logger {
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > MAX_BYTES) renameSync(file, `${file}.1`);
  } catch {
    // An unwritable log folder must not stop the app; the writes below fail quietly too.
  }
  const write = (level: 'info' | 'warn' | 'error', message: string, details: unknown[]) => {
    const line = formatLine(level, message, details);
    if (options.echo) process.stderr.write(line);
    try {
      appendFileSync(file, line, { mode: 0o600 });
    } catch {
      // See above.
    }
  };
  return {
    info: (message, ...details) => write('info', message, details),
    warn: (message, ...details) => write('warn', message, details),
    error: (message, ...details) => write('error', message, details),
  };
}
