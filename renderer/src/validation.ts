// Checks a form against the same zod schema the store enforces, so every
// problem shows at once instead of one per round trip. The store still
// validates; its answer is shown too if it disagrees.
import type { z } from 'zod';

export type FieldErrors = Partial<Record<string, string>>;

/** The first message for each top-level field, or null when the input is valid. */
export function validate(schema: z.ZodType, input: unknown): FieldErrors | null {
  const result = schema.safeParse(input);
  if (result.success) return null;
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= issue.message;
  }
  return errors;
}
