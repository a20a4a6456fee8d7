// The README shows only what exists: every npm script it runs, every
// `spending` command and option, every file it points to, the license; and it
// calls the views the app has no page for "not there yet". A feature that is
// renamed, or lands, or is not there yet makes this fail, not a reader.
import { existsSync, readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from './cli.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const root = (path: string) => new URL(`../${path}`, import.meta.url);
const pkg = JSON.parse(readFileSync(root('package.json'), 'utf8')) as {
  license: string;
  scripts: Record<string, string>;
};
const scripts = Object.keys(pkg.scripts);

/** Code the README shows: each line of its code blocks, and each `inline` span. */
const code = [
  ...[...readme.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => (m[1] ?? '').split('\n')),
  ...[...readme.replace(/```[\s\S]*?```/g, '').matchAll(/`([^`\n]+)`/g)].map((m) => m[1] ?? ''),
].map((line) => line.replace(/\s+#.*$/, ''));

/** `npx spending db stop | destroy --yes` is `db stop` and `db destroy --yes`: words after the command name. */
function spendingCommands(): string[][] {
  return code.flatMap((line) => {
    const at = line.indexOf('npx spending');
    if (at < 0) return [];
    const [first = '', ...others] = line.slice(at + 'npx spending'.length).split(' | ');
    const words = first.trim().split(/\s+/).filter(Boolean);
    const path = words.filter((w) => /^[a-z][a-z-]*$/.test(w));
    return [words, ...others.map((alt) => [...path.slice(0, -1), ...alt.trim().split(/\s+/)])];
  });
}

function resolve(program: Command, words: string[]): { command: Command; flags: string[] } {
  let command = program;
  for (const word of words) {
    const sub = command.commands.find((c) => c.name() === word);
    if (!sub) break;
    command = sub;
  }
  const flags = words.filter((w) => w.replace(/^\[/, '').startsWith('--')).map((w) => w.replace(/[[\]]/g, ''));
  return { command, flags: flags.map((f) => f.split('=')[0] ?? f) };
}

describe('README', () => {
  it('runs only npm scripts that exist', () => {
    const used = code.flatMap((line) => [...line.matchAll(/\bnpm (?:run(?: --silent)? ([\w:-]+)|(test|start))\b/g)]);
    expect(used.length).toBeGreaterThan(5);
    for (const m of used) expect(scripts, m[0]).toContain(m[1] ?? m[2]);
  });

  it('shows only spending commands and options that exist', () => {
    const program = buildProgram(
      { stdout: new PassThrough(), stderr: new PassThrough() },
      new AbortController().signal,
    );
    const global = program.options.map((o) => o.long);
    const commands = spendingCommands().filter((words) => words.length > 0 && words[0] !== '--help');
    expect(commands.length).toBeGreaterThan(15);
    for (const words of commands) {
      const { command, flags } = resolve(program, words);
      const shown = `npx spending ${words.join(' ')}`;
      expect(command, shown).not.toBe(program);
      // A command with subcommands is a group: the README must name one of them.
      expect(
        command.commands.map((c) => c.name()),
        shown,
      ).toEqual([]);
      for (const flag of flags) expect([...global, ...command.options.map((o) => o.long)], shown).toContain(flag);
    }
  });

  it('names as not there yet exactly the promised views the app has no page for', () => {
    const pages = [...readFileSync(root('renderer/src/shell/NavBar.tsx'), 'utf8').matchAll(/label: '([^']+)'/g)].map(
      (m) => m[1] ?? '',
    );
    expect(pages).toContain('Transactions');
    const [intro = '', notYet = ''] = readme.split('\n\n').filter((p) => !p.startsWith('#'));
    expect(notYet).toMatch(/^Not there yet:/);
    for (const [feature, page] of [
      ['Huququllah', /Huququllah/i],
      ['Amazon', /Amazon|Purchases/i],
      ['Apple', /Apple|Purchases/i],
    ] as const) {
      const hasPage = pages.some((label) => page.test(label));
      expect(notYet.includes(feature), `"Not there yet" names ${feature}`).toBe(!hasPage);
      if (!hasPage) expect(intro, `the README's opening promises ${feature}`).not.toContain(feature);
    }
  });

  it('comes with the LICENSE package.json names', () => {
    expect(readFileSync(root('LICENSE'), 'utf8').split('\n')[0]).toBe(`${pkg.license} License`);
    expect(readme).toContain(`${pkg.license}, see [LICENSE](LICENSE)`);
  });

  it('points only to files that exist', () => {
    const linked = [...readme.matchAll(/\]\(([^)#\s]+)\)/g)].map((m) => m[1] ?? '').filter((l) => !/^\w+:/.test(l));
    const named = code.filter((c) => /^[\w.-]+(\/[\w.-]+)+\.(ts|mts|mjs|md|html|png|yml|json)$/.test(c));
    expect(linked.length + named.length).toBeGreaterThan(5);
    for (const path of [...linked, ...named]) expect(existsSync(root(path)), path).toBe(true);
  });
});
