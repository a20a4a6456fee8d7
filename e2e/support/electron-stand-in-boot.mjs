// `node electron-stand-in-boot.mjs out/main/index.js …args` runs a main process
// the way `electron out/main/index.js …args` would, with `electron` resolved to
// the recording stand-in (electron-stand-in.mjs). Driven by
// e2e/support/boot-built-app.ts over the child's IPC channel: records go up as
// they happen, commands come down.
import { register } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createElectronStandIn } from './electron-stand-in.mjs';

const config = JSON.parse(process.env.ELECTRON_STAND_IN ?? '{}');
const send = (message) => process.connected && process.send(message);

const standIn = createElectronStandIn({
  appPath: config.appPath,
  isPackaged: config.isPackaged ?? false,
  onRecord: (record) => send({ record }),
  // Where the page's scripts would run: they subscribe to the events the test follows.
  page: (world) => {
    for (const event of config.subscribe ?? []) {
      world.api?.on(event, (payload) => standIn.record('renderer-event', { event, payload }));
    }
  },
  // Electron ends the process here. The stand-in only lets go of it, so anything
  // the app left running keeps Node alive and the test sees the process stay.
  onTerminate: () => {
    send({ resources: process.getActiveResourcesInfo() });
    if (process.connected) process.send({ terminated: true }, () => process.disconnect());
  },
});

globalThis[Symbol.for('spending.electron-stand-in')] = standIn.electron;
const moduleSource = [
  `const electron = globalThis[Symbol.for('spending.electron-stand-in')];`,
  `export const { ${Object.keys(standIn.electron).join(', ')} } = electron;`,
  `export default electron;`,
].join('\n');
const hooksSource = `export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: ${JSON.stringify(`data:text/javascript,${encodeURIComponent(moduleSource)}`)}, shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooksSource)}`);

const commands = {
  // window.<key>.<method>(input) from the page; the answer's arrival is recorded, as the page would see it.
  async call(key, method, input) {
    const result = await standIn.world()[key][method](input);
    standIn.record('page-got-answer', { method });
    return result;
  },
  quit: () => standIn.electron.app.quit(),
};
process.on('message', async ({ id, command, args }) => {
  try {
    const run = commands[command] ?? standIn[command];
    send({ id, ok: true, value: await run(...args) });
  } catch (error) {
    send({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});

// argv as Electron's: [executable, main script, …args].
process.argv.splice(1, 1);
await import(pathToFileURL(resolve(process.argv[1])).href);
// Electron emits ready after the main script ran.
setImmediate(() => standIn.ready());
