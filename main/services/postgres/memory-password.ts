// A PasswordSlot held in memory, for tests and one-off tools.
import type { PasswordSlot } from './types.js';

export function memoryPassword(initial: string | null = null): PasswordSlot & { value: string | null } {
  return {
    value: initial,
    get() {
      return Promise.resolve(this.value);
    },
    set(value) {
      this.value = value;
      return Promise.resolve();
    },
    delete() {
      const had = this.value !== null;
      this.value = null;
      return Promise.resolve(had);
    },
  };
}
