// npm run truelayer-emulator [-- --auth-port 4010 --data-port 4011 --host 127.0.0.1]: for clicking through by hand.
import { parseArgs } from 'node:util';
import { DEFAULT_CLIENT, startTrueLayerEmulator } from './index.js';

const { values } = parseArgs({
  options: {
    'auth-port': { type: 'string', default: '4010' },
    'data-port': { type: 'string', default: '4011' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});

const emulator = await startTrueLayerEmulator({
  host: values.host,
  authPort: Number(values['auth-port']),
  dataPort: Number(values['data-port']),
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
