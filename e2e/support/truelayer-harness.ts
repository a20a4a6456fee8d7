// A TrueLayerService wired to the emulator for tests: a real store (either
// dialect), secrets under a key file, settings pointing at the emulator, the
// emulator's virtual clock, and a backoff that records instead of waiting.
import { openStore } from '../../db/open-store.js';
import type { SqlStore } from '../../db/sql-store.js';
import { saveConfig } from '../../main/services/config/config.js';
import { openKeyFile } from '../../main/services/secrets/key-file.js';
import { SecretsService } from '../../main/services/secrets/secrets-service.js';
import { keyFilePath } from '../../main/services/secrets/security-settings.js';
import type { Backoff } from '../../main/services/truelayer/data-client.js';
import { TrueLayerService, type BankProgress } from '../../main/services/truelayer/truelayer-service.js';
import type { RedirectMode } from '../../main/services/truelayer/truelayer-settings.js';
import { freePort } from './postgres-server.js';
import { startTrueLayerEmulator, type EmulatorOptions, type TrueLayerEmulator } from '../truelayer-emulator/index.js';
import { tempDir } from './test-cleanup.js';

export const CLIENT = { clientId: 'spending-test', clientSecret: 'test-secret' };
/** Unlocks the harness's key file; a `spending` process given it as SPENDING_PASSPHRASE shares the keys. */
export const KEY_FILE_PASSPHRASE = 'bank harness passphrase';

export interface BankHarness {
  emulator: TrueLayerEmulator;
  store: SqlStore;
  secrets: SecretsService;
  service: TrueLayerService;
  dataDir: string;
  loopbackUri: string;
  /** Every pause the backoff asked for, in ms. */
  waits: number[];
  progress: BankProgress[];
  /** Starts a link, logs in at the emulator and hands the redirect back: the whole user flow minus the browser. */
  link(login?: { username: string; password: string }): Promise<number>;
  close(): Promise<void>;
}

export async function startBankHarness(options: {
  target: string;
  redirectMode?: RedirectMode;
  emulator?: EmulatorOptions;
}): Promise<BankHarness> {
  const loopbackUri = `http://localhost:${await freePort()}/api/truelayer/callback`;
  const emulator = await startTrueLayerEmulator({
    ...options.emulator,
    clients: [{ ...CLIENT, redirectUris: [loopbackUri, 'spending://truelayer/callback'] }],
  });
  const dataDir = tempDir('bank');
  const store = await openStore(options.target);
  const secrets = new SecretsService(await openKeyFile(keyFilePath(dataDir), KEY_FILE_PASSPHRASE));
  await saveConfig(dataDir, {
    version: 1,
    secrets: { backend: 'passphrase-file' },
    truelayer: {
      clientId: CLIENT.clientId,
      environment: 'custom',
      custom: { auth: emulator.authUrl, data: emulator.dataUrl, api: emulator.apiUrl },
      redirectMode: options.redirectMode ?? 'protocol',
      loopbackUri,
      manualUri: 'https://console.truelayer.com/redirect-page',
      syncIntervalHours: 6,
    },
  });
  await secrets.setSecret('truelayer-client-secret', CLIENT.clientSecret);
  const waits: number[] = [];
  const backoff: Backoff = {
    retries: 4,
    baseMs: 1_000,
    maxMs: 16_000,
    wait: (ms) => (waits.push(ms), Promise.resolve()),
  };
  const progress: BankProgress[] = [];
  const service = new TrueLayerService({
    dataDir,
    secrets,
    store: () => store,
    backoff,
    now: () => emulator.clock.now(),
    emit: (p) => progress.push(p),
  });
  return {
    emulator,
    store,
    secrets,
    service,
    dataDir,
    loopbackUri,
    waits,
    progress,
    async link(login = { username: 'john', password: 'doe' }) {
      const started = await service.startLink();
      const redirect = await emulator.authorize(started.url, login);
      return (await service.completeLink(redirect)).connectionId;
    },
    async close() {
      await service.cancelLink();
      await store.close();
      await emulator.close();
    },
  };
}
