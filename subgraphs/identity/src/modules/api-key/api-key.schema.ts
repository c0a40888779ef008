import { z } from '@trae/kit';
import { length } from '../auth/auth.schema.js';

const MAX_LIFETIME_MS = 366 * 86_400_000;

export const newApiKey = z.object({
  name: length('name', 1, 64).trim().min(1, { error: 'must not be empty' }),
  expiresAt: z
    .date()
    .refine((at) => at.getTime() > Date.now(), { error: 'must be in the future' })
    .refine((at) => at.getTime() - Date.now() <= MAX_LIFETIME_MS, { error: 'must be within a year' })
    .nullish(),
});
