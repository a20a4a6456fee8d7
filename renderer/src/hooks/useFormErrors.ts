// The messages a form shows: its own check, made before anything is sent, and
// the store's refusal. Both are about what was typed at the time, so a field's
// message goes as soon as that field changes, and the store's answer with it.
import { useState } from 'react';
import { fieldError } from '../api';
import type { FieldErrors } from '../validation';

/** A call whose refusal the form shows: a react-query mutation fits. */
interface Refusable {
  error: unknown;
  isPending: boolean;
  reset: () => void;
}

export function useFormErrors<F extends string>(
  fields: readonly F[],
  calls: readonly Refusable[],
  /** Maps the store's name for a field onto the form's, e.g. "server.port" to "port". */
  fieldOf: (field: string) => string = (field) => field,
) {
  const [own, setOwn] = useState<FieldErrors>({});
  const refused = calls.find((c) => c.error);
  const problem = refused ? fieldError(refused.error) : null;
  const problemField = problem?.field ? fieldOf(problem.field) : null;
  // A finished call's answer is about the old input; one still under way keeps its answer coming.
  const resetCalls = () => {
    for (const c of calls) if (!c.isPending) c.reset();
  };
  return {
    errorFor: (field: F): string | undefined =>
      own[field] ?? (problem && problemField === field ? problem.message : undefined),
    /** The store's refusal when it is about no field of this form. */
    formLevel: problem && !fields.some((f) => f === problemField) ? problem : null,
    /** Shows the form's own findings; true when there are none and the input may be sent. */
    check: (errors: FieldErrors | null): boolean => {
      setOwn(errors ?? {});
      resetCalls();
      return !errors || Object.values(errors).every((message) => !message);
    },
    /** Call from a field's change handler. */
    edited: (field: F): void => {
      setOwn((current) => (current[field] === undefined ? current : { ...current, [field]: undefined }));
      resetCalls();
    },
  };
}
