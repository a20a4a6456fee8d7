// npm run truelayer-emulator [-- --auth-port 4010 --data-port 4011 --host 127.0.0.1]: for clicking through by hand.
import { positiveInt } from '../../main/cli/number-args.js';
import { scriptArgs } from '../support/script-args.js';
import { DEFAULT_CLIENT, startTrueLayerEmulator } from './index.js';

const options = scriptArgs(
  'truelayer-emulator',
  'A local TrueLayer (auth and Data API) to click through by hand.',
  (c) =>
    c
      .option('--auth-port <n>', 'port of the auth server', positiveInt(65_535), 4010)
      .option('--data-port <n>', 'port of the Data API', positiveInt(65_535), 4011)
      .option('--host <address>', 'address both listen on', '127.0.0.1'),
).opts<{ authPort: number; dataPort: number; host: string }>();

const emulator = await startTrueLayerEmulator({
  host: options.host,
  authPort: options.authPort,
  dataPort: options.dataPort,
});
const link = `${emulator.authUrl}/?response_type=code&client_id=${DEFAULT_CLIENT.clientId}&redirect_uri=${encodeURIComponent(
  DEFAULT_CLIENT.redirectUris[0] ?? '',
)}&scope=info%20accounts%20balance%20cards%20transactions%20offline_access&providers=uk-cs-mock&state=demo`;

console.log(`TrueLayer emulator (Data API v1)
  auth:    ${emulator.authUrl}   (auth link at /, POST /connect/token, GET /api/providers, DELETE /api/delete)
  data:    ${emulator.dataUrl}
  api:     ${emulator.apiUrl}   (POST /connections/extend)
  control: ${emulator.authUrl}/__control/   (see e2e/truelayer-emulator/README.md)
client:    ${DEFAULT_CLIENT.clientId} / ${DEFAULT_CLIENT.clientSecret}
redirects: ${DEFAULT_CLIENT.redirectUris.join('  ')}
logins:    john/doe, john1..john100 / doe1..doe100, john/eternal, error.<code>/error
try:       ${link}
Ctrl-C to stop.`);

process.once('SIGINT', () => {
  void emulator.close().then(() => process.exit(0));
});
