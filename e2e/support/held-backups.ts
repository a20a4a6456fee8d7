// A backup service whose next backups wait at the start until the test lets
// them go: a deterministic way to have a backup "still running" while a test
// asks for another one, navigates away and back, or cancels it.
import type { BackupManifest } from '../../main/services/backups/backup-files.js';
import { BackupService, type BackupSource, type RunOptions } from '../../main/services/backups/backup-service.js';

export class HeldBackups extends BackupService {
  release: () => void = () => undefined;
  private readonly gate = new Promise<void>((resolve) => (this.release = resolve));

  /** `held: false` lets every backup through at once. */
  constructor(dir: string, options: { held: boolean } = { held: true }) {
    super(dir);
    if (!options.held) this.release();
  }
  private enteredNow: () => void = () => undefined;
  /** Resolves once a backup has started and is waiting at the gate. */
  readonly entered = new Promise<void>((resolve) => (this.enteredNow = resolve));

  protected override async make(source: BackupSource, options: RunOptions): Promise<BackupManifest> {
    this.enteredNow();
    await this.gate;
    return super.make(source, options);
  }
}
