import { z } from 'zod';

const SEARCH = 'must be 1 to 200 characters';
const ROUTE = SEARCH;
const STATUS = 'must be an HTTP status from 100 to 599';

/** What the `logs` filters must be beyond their GraphQL types. */
export const logFilterSchema = z
  .object({
    search: z.string().min(1, { error: SEARCH }).max(200, { error: SEARCH }).nullish(),
    requestId: z.string().max(128, { error: 'must be at most 128 characters' }).nullish(),
    status: z.number().int().min(100, { error: STATUS }).max(599, { error: STATUS }).nullish(),
    route: z.string().min(1, { error: ROUTE }).max(200, { error: ROUTE }).nullish(),
    userId: z.string().max(64, { error: 'must be at most 64 characters' }).nullish(),
    from: z.date().nullish(),
    to: z.date().nullish(),
  })
  .refine((q) => !(q.from && q.to && q.from > q.to), { path: ['from'], error: 'must not be after to' });
