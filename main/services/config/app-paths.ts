// Where Spending keeps its files. Mirrors Electron's app.getPath('userData')
// for an app named "Spending", so the CLI and the desktop app find the same
// store without the CLI loading Electron. main/index.ts sets Electron's
// userData to this same folder so the two can never drift apart.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Spending';

export function userDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.SPENDING_HOME) return env.SPENDING_HOME;
  switch (platform) {
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', APP_NAME);
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
    default:
      return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
  }
}

export const configFile = (dir: string) => join(dir, 'config.json');
export const defaultSqlitePath = (dir: string) => join(dir, 'spending.sqlite');
