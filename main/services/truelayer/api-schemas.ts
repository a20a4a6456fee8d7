// The Data API v1 shapes Spending reads. Lenient where banks vary (extra
// fields pass, optional ones may be missing), strict where sync depends on it.
import { z } from 'zod';

const nullish = <T extends z.ZodType>(schema: T) => schema.nullish();

export const ApiAccount = z.looseObject({
  account_id: z.string().min(1),
  account_type: nullish(z.string()),
  display_name: nullish(z.string()),
  currency: nullish(z.string()),
  account_number: nullish(z.looseObject({})),
  provider: nullish(z.looseObject({ provider_id: nullish(z.string()), display_name: nullish(z.string()) })),
});
export type ApiAccount = z.infer<typeof ApiAccount>;

export const ApiCard = z.looseObject({
  account_id: z.string().min(1),
  card_network: nullish(z.string()),
  card_type: nullish(z.string()),
  currency: nullish(z.string()),
  display_name: nullish(z.string()),
  partial_card_number: nullish(z.string()),
  provider: nullish(z.looseObject({ provider_id: nullish(z.string()), display_name: nullish(z.string()) })),
});
export type ApiCard = z.infer<typeof ApiCard>;

export const ApiBalance = z.looseObject({
  currency: nullish(z.string()),
  current: nullish(z.number()),
  available: nullish(z.number()),
  overdraft: nullish(z.number()),
});
export type ApiBalance = z.infer<typeof ApiBalance>;

export const ApiTransaction = z.looseObject({
  transaction_id: nullish(z.string()),
  normalised_provider_transaction_id: nullish(z.string()),
  provider_transaction_id: nullish(z.string()),
  timestamp: z.string().min(10),
  description: nullish(z.string()),
  amount: z.number(),
  currency: nullish(z.string()),
  transaction_type: nullish(z.string()),
  transaction_category: nullish(z.string()),
  transaction_classification: nullish(z.array(z.string())),
  merchant_name: nullish(z.string()),
  running_balance: nullish(z.looseObject({ amount: z.number(), currency: nullish(z.string()) })),
  meta: nullish(z.looseObject({})),
});
export type ApiTransaction = z.infer<typeof ApiTransaction>;

export const ApiMe = z.looseObject({
  consent_expires_at: nullish(z.string()),
  provider: nullish(z.looseObject({ provider_id: nullish(z.string()), display_name: nullish(z.string()) })),
});
