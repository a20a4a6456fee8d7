// Loopback ports for the servers Spending runs. They listen on 127.0.0.1
// only: a finance database must never be reachable from the network.
import { createServer } from 'node:net';

export const LOOPBACK = '127.0.0.1';

export function isPortFree(port: number, host = LOOPBACK): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** `preferred` when free, else the next free port above it. */
export async function nextFreePort(preferred: number, host = LOOPBACK): Promise<number> {
  for (let port = preferred; port < Math.min(preferred + 200, 65_536); port++) {
    if (await isPortFree(port, host)) return port;
  }
  throw new Error(`No free port on ${host} between ${preferred} and ${preferred + 199}.`);
}

/** A port the operating system picks. */
export function randomFreePort(host = LOOPBACK): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
