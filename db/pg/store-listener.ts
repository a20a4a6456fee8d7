// Listens for the notifications other copies' writes send (db/store-changes.ts)
// on a connection of its own: a LISTEN holds its session, so it cannot share
// the Store's pool. When the connection is lost (a server restart, the network)
// it reconnects with backoff and then compares the revision sequences with the
// last ones it saw, reporting the tables written meanwhile as one catch-up.
import pg from 'pg';
import {
  NOTIFIED_TABLES,
  REVISION_SEQUENCE,
  STORE_CHANNEL,
  StoreNotification,
  tableRevisionSequence,
  type NotifiedTable,
  type StoreChange,
} from '../store-changes.js';
import { explainPgError, redactUrl } from './connection-errors.js';

export type ListenerState = 'listening' | 'reconnecting';

export interface StoreListenerOptions {
  onChange: (change: StoreChange) => void;
  onState?: (state: ListenerState, error?: unknown) => void;
  /**
   * Waits before reconnection attempt `attempt` (1, 2, …); resolves early when
   * `signal` aborts (the listener closing). Exponential backoff by default.
   */
  delay?: (attempt: number, signal: AbortSignal) => Promise<void>;
  /** How often an idle connection is checked, so a silent network loss is noticed. */
  heartbeatMs?: number;
}

const BACKOFF_FIRST_MS = 250;
const BACKOFF_MAX_MS = 30_000;
const HEARTBEAT_MS = 30_000;

/** 250 ms doubling to 30 s, with jitter so copies do not all knock at once after a restart. */
export function backoff(attempt: number, signal: AbortSignal): Promise<void> {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** (attempt - 1));
  const ms = ceiling / 2 + Math.random() * (ceiling / 2);
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

type Revisions = Map<string, number>;

/** Wrapped: an async function returning the bare promise would wait for it to settle. */
interface Connection {
  /** Settles when the connection is lost, with the error if there was one. */
  lost: Promise<unknown>;
}

async function readRevisions(client: pg.Client): Promise<Revisions> {
  const { rows } = await client.query<{ name: string; value: string | null }>(
    `SELECT sequencename AS name, last_value AS value FROM pg_sequences
      WHERE schemaname = current_schema() AND (sequencename = $1 OR sequencename LIKE $2)`,
    [REVISION_SEQUENCE, `${REVISION_SEQUENCE}\\_%`],
  );
  return new Map(rows.map((r) => [r.name, Number(r.value ?? 0)]));
}

export class StoreListener {
  private client: pg.Client | undefined;
  private seen: Revisions = new Map();
  private readonly stopping = new AbortController();
  private running: Promise<void> | undefined;
  private connectedBefore = false;

  private constructor(
    private readonly url: string,
    private readonly options: StoreListenerOptions,
  ) {}

  /** Resolves once listening; a first connection that fails is reported, not retried. */
  static async start(url: string, options: StoreListenerOptions): Promise<StoreListener> {
    const listener = new StoreListener(url, options);
    let connection: Connection;
    try {
      connection = await listener.connect();
    } catch (error) {
      throw explainPgError(error, redactUrl(url));
    }
    listener.running = listener.stayConnected(connection.lost);
    return listener;
  }

  /** The highest store revision seen so far. */
  get revision(): number {
    return this.seen.get(REVISION_SEQUENCE) ?? 0;
  }

  async close(): Promise<void> {
    this.stopping.abort();
    await this.client?.end().catch(() => undefined);
    await this.running;
  }

  /** Connects, listens, reads the revisions. */
  private async connect(): Promise<Connection> {
    const client = new pg.Client({
      connectionString: this.url,
      application_name: 'spending-listener',
      keepAlive: true,
      query_timeout: 10_000,
    });
    const lost = new Promise((resolve) => {
      client.on('error', resolve);
      client.once('end', () => resolve(undefined));
    });
    try {
      await client.connect();
      client.on('notification', (message) => this.onNotification(message.channel, message.payload));
      // LISTEN first: a write committed after it is notified, one before it is in the revisions read next.
      await client.query(`LISTEN ${STORE_CHANNEL}`);
      this.catchUp(await readRevisions(client));
      this.stopping.signal.throwIfAborted();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    this.connectedBefore = true;
    return { lost };
  }

  private async stayConnected(lost: Promise<unknown>): Promise<void> {
    const { signal } = this.stopping;
    const delay = this.options.delay ?? backoff;
    while (!this.stopped()) {
      this.options.onState?.('listening');
      const error = await this.heartbeatUntil(lost);
      if (this.stopped()) return;
      this.options.onState?.('reconnecting', error);
      await this.client?.end().catch(() => undefined);
      for (let attempt = 1; ; attempt++) {
        await delay(attempt, signal);
        if (this.stopped()) return;
        try {
          ({ lost } = await this.connect());
          break;
        } catch {
          // Still down: the next attempt waits longer.
        }
      }
    }
  }

  /** A method, not a read of the signal, so checks after an await are not narrowed away. */
  private stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  /** Waits for the connection to be lost, asking the server now and then whether it is still there. */
  private async heartbeatUntil(lost: Promise<unknown>): Promise<unknown> {
    const client = this.client;
    const timer = setInterval(() => {
      // A failed check ends the connection, which settles `lost`.
      client?.query('SELECT 1').catch(() => client.end().catch(() => undefined));
    }, this.options.heartbeatMs ?? HEARTBEAT_MS);
    timer.unref();
    try {
      return await lost;
    } finally {
      clearInterval(timer);
    }
  }

  private onNotification(channel: string, payload: string | undefined): void {
    if (channel !== STORE_CHANNEL || !payload) return;
    let parsed: StoreNotification;
    try {
      parsed = StoreNotification.parse(JSON.parse(payload));
    } catch {
      return; // Not ours to understand (a newer copy's format): the revisions still catch it after a gap.
    }
    this.raise(REVISION_SEQUENCE, parsed.revision);
    this.raise(tableRevisionSequence(parsed.table), parsed.tableRevision);
    this.options.onChange({ kind: 'notification', ...parsed });
  }

  private raise(sequence: string, value: number): void {
    if (value > (this.seen.get(sequence) ?? 0)) this.seen.set(sequence, value);
  }

  /** After a reconnection: the tables whose revision moved past what was seen were written meanwhile. */
  private catchUp(now: Revisions): void {
    const tables: NotifiedTable[] = NOTIFIED_TABLES.filter((table) => {
      const sequence = tableRevisionSequence(table);
      return (now.get(sequence) ?? 0) > (this.seen.get(sequence) ?? 0);
    });
    for (const [sequence, value] of now) this.raise(sequence, value);
    if (this.connectedBefore && tables.length)
      this.options.onChange({ kind: 'catch-up', tables, revision: this.revision });
  }
}
