// Collects what a listener reports, so a test can await the change it caused
// (or the one after it) instead of sleeping.
export class Inbox<T> {
  private readonly received: T[] = [];
  private readonly waiting: { match: (item: T) => boolean; resolve: (item: T) => void }[] = [];

  readonly push = (item: T): void => {
    const waiter = this.waiting.find((w) => w.match(item));
    if (waiter) {
      this.waiting.splice(this.waiting.indexOf(waiter), 1);
      waiter.resolve(item);
      return;
    }
    this.received.push(item);
  };

  /** The first item received (or to come) that matches; it is taken from the inbox. */
  next(match: (item: T) => boolean = () => true): Promise<T> {
    const index = this.received.findIndex(match);
    if (index >= 0) return Promise.resolve(this.received.splice(index, 1)[0] as T);
    return new Promise((resolve) => this.waiting.push({ match, resolve }));
  }

  /** The items received and not taken yet, oldest first, emptying the inbox. */
  drain(): T[] {
    return this.received.splice(0);
  }
}
