// Downloads an image only when it is missing, passing Docker's per-layer
// progress on. Offline, it fails with what happened and what to do.
import type Docker from 'dockerode';
import { AppError } from '../../../../db/errors.js';
import type { StartProgress } from '../types.js';

interface PullEvent {
  id?: string;
  status?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
}

export async function hasImage(docker: Docker, image: string): Promise<string[] | undefined> {
  try {
    const info = await docker.getImage(image).inspect();
    return info.Config.Env;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return undefined;
    throw error;
  }
}

export async function pullImage(
  docker: Docker,
  image: string,
  onProgress?: (progress: StartProgress) => void,
  signal?: AbortSignal,
): Promise<void> {
  const unreachable = (reason: string) =>
    new AppError(
      'unavailable',
      `Could not download the PostgreSQL image ${image}: ${reason}`,
      'Spending downloads it once; connect to the internet and try again, or choose "Without Docker".',
    );
  let stream: NodeJS.ReadableStream;
  try {
    stream = await docker.pull(image, { abortSignal: signal });
  } catch (error) {
    throw unreachable((error as { json?: { message?: string } }).json?.message ?? (error as Error).message);
  }
  const layers = new Map<string, { id: string; status: string; current?: number; total?: number }>();
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (error: Error | null, events: PullEvent[]) => {
        const failed = error?.message ?? events.find((e) => e.error)?.error;
        if (failed) reject(unreachable(failed));
        else resolve();
      },
      (event: PullEvent) => {
        if (!event.id || !event.status) return;
        layers.set(event.id, {
          id: event.id,
          status: event.status,
          ...(event.progressDetail?.current !== undefined ? { current: event.progressDetail.current } : {}),
          ...(event.progressDetail?.total !== undefined ? { total: event.progressDetail.total } : {}),
        });
        onProgress?.({ phase: 'pull', message: `Downloading ${image}`, layers: [...layers.values()] });
      },
    );
  });
}
