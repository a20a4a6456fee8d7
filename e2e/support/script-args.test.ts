// The npm scripts' option parser: help, a clean usage error, typed values.
import { describe, expect, it } from 'vitest';
import { positiveInt, positiveIntList } from '../../main/cli/number-args.js';
import { parseScriptArgs } from './script-args.js';

function run(...argv: string[]) {
  const io = { out: '', err: '' };
  const parsed = parseScriptArgs(
    'bench',
    'Store latency.',
    (c) =>
      c
        .option('--sizes <n,n,...>', 'transaction counts', positiveIntList(1_000_000), [100, 200])
        .option('--iterations <n>', 'runs per query', positiveInt(1_000), 20),
    argv,
    { stdout: { write: (text: string) => (io.out += text) }, stderr: { write: (text: string) => (io.err += text) } },
  );
  return { ...io, parsed };
}

describe('npm script options', () => {
  it('--help prints the usage and every option, and exits 0', () => {
    const { out, err, parsed } = run('--help');
    expect(parsed).toEqual({ ok: false, exitCode: 0 });
    expect(out).toContain('Usage: npm run bench -- [options]');
    for (const flag of ['--sizes', '--iterations', '--help']) expect(out).toContain(flag);
    expect(err).toBe('');
  });

  it.each([
    [['--sizez', '5'], "unknown option '--sizez'"],
    [['--sizes', '5,x'], 'Expected whole numbers from 1 to 1000000, separated by commas.'],
    [['--iterations', '0'], 'Expected a whole number from 1 to 1000.'],
    [['stray'], 'too many arguments'],
  ])('%j is a one-line usage error with exit code 2, no stack', (argv, message) => {
    const { out, err, parsed } = run(...argv);
    expect(parsed).toEqual({ ok: false, exitCode: 2 });
    expect(err).toContain(message);
    expect(err).toContain('npm run bench -- --help lists the options');
    expect(err).not.toMatch(/\n\s+at /);
    expect(out).toBe('');
  });

  it('gives numbers, with the defaults where an option is left out', () => {
    const { parsed } = run('--sizes', '1000, 2000');
    if (!parsed.ok) throw new Error('expected options');
    expect(parsed.command.opts()).toEqual({ sizes: [1000, 2000], iterations: 20 });
  });
});
