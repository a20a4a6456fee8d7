#!/usr/bin/env node
// `npm run screenshots`: retakes the README's pictures (e2e/readme.screenshots.ts)
// on the built renderer, then, where ImageMagick is installed, turns each into
// a 256-colour PNG, a third of the size and indistinguishable for a UI.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const dir = join('docs', 'screenshots');
const run = (command, args, env = {}) =>
  spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

if (run('npx', ['vite', 'build', '--logLevel', 'warn', '-c', 'renderer/vite.config.ts']) !== 0) process.exit(1);
if (run('npx', ['playwright', 'test', '--project', 'readme-screenshots'], { SPENDING_README_SCREENSHOTS: '1' }) !== 0)
  process.exit(1);
const magick = spawnSync('convert', ['-version']).status === 0;
for (const name of readdirSync(dir).filter((f) => f.endsWith('.png'))) {
  const file = join(dir, name);
  if (magick && run('convert', [file, '-strip', '-colors', '256', `PNG8:${file}`]) !== 0) process.exit(1);
  console.log(`${file}: ${Math.round(statSync(file).size / 1024)} KB`);
}
if (!magick) console.log('ImageMagick (convert) is not installed: the pictures are kept as Chromium wrote them.');
