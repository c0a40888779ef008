import { z } from 'zod';

const SEARCH = 'must be 1 to 200 characters';

/** What the `logs` filters must be beyond their GraphQL types. */
export const logFilterSchema = z
  .object({
    search: z.string().min(1, { error: SEARCH }).max(200, { error: SEARCH }).nullish(),
    requestId: z.string().max(128, { error: 'must be at most 128 characters' }).nullish(),
    from: z.date().nullish(),
    to: z.date().nullish(),
  })
  .refine((q) => !(q.from && q.to && q.from > q.to), { path: ['from'], error: 'must not be after to' });
