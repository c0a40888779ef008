import { z } from '@trae/kit';

const challengeToken = z
  .string()
  .regex(/^[A-Za-z0-9_-]{20,128}$/, { error: 'challengeToken: is not a valid challenge token' });

/** A TOTP code (6 digits) or a recovery code (`xxxxx-xxxxx`); spaces and dashes are the reader's. */
export const code = z
  .string()
  .max(32, { error: 'code: must be a 6-digit code or a recovery code' })
  .transform((c) => c.replace(/[\s-]/g, '').toLowerCase())
  .pipe(
    z.string().regex(/^(\d{6}|[a-z0-9]{10})$/, { error: 'code: must be a 6-digit code or a recovery code' }),
  );

export const totpCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, { error: 'code: must be the 6-digit code the app shows' });

export const completeInput = z.object({ challengeToken, code });

export const confirmInput = z.object({ code: totpCode, challengeToken: challengeToken.nullish() });

export const completeEnrolmentInput = z.object({ challengeToken, code: totpCode });

export const codeInput = z.object({ code });

export const challengeInput = z.object({ challengeToken: challengeToken.nullish() });
