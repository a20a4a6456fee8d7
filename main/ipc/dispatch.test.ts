import { describe, expect, it } from 'vitest';
import { AppError, invalidInput } from '../../db/errors.js';
import { NewTransaction } from '../../db/model.js';
import { createDispatcher } from './dispatch.js';

describe('dispatch', () => {
  it('tells a refused input in people’s words, with the field it is about kept apart', async () => {
    const dispatch = createDispatcher({});
    expect(await dispatch('useKeyFile', { passphrase: 'short' })).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'A passphrase needs at least 8 characters', field: 'passphrase' },
    });
  });

  it('passes on the field of a refusal raised behind the contract, as the store raises them', async () => {
    const parsed = NewTransaction.safeParse({ date: '2024-01-01', description: 'x', amountPence: 0 });
    if (parsed.success) throw new Error('a £0.00 transaction was accepted');
    const dispatch = createDispatcher({
      addTransaction: () => Promise.reject(invalidInput(parsed.error.issues)),
      deleteTransaction: () => Promise.reject(new AppError('not_found', 'No transaction with id 9.', 'Refresh.')),
    });
    expect(await dispatch('addTransaction', { date: '2024-01-01', description: 'x', amountPence: 1 })).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Enter an amount other than £0.00', field: 'amountPence' },
    });
    expect(await dispatch('deleteTransaction', { id: 9 })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No transaction with id 9.', remedy: 'Refresh.' },
    });
  });
});
