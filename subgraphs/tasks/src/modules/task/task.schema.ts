import { z } from 'zod';

const SEARCH = 'must be 1 to 200 characters';

/** What the `tasks` filters must be beyond their GraphQL types. */
export const taskFilterSchema = z
  .object({
    search: z.string().trim().min(1, { error: SEARCH }).max(200, { error: SEARCH }).nullish(),
    createdFrom: z.date().nullish(),
    createdTo: z.date().nullish(),
  })
  .refine((q) => !(q.createdFrom && q.createdTo && q.createdFrom > q.createdTo), {
    path: ['createdFrom'],
    error: 'must not be after createdTo',
  });
