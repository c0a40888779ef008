import { optionalText, z } from '@trae/kit';
import { length } from '../auth/auth.schema.js';
import { PASSWORD_MAX, PASSWORD_MIN } from '../auth/password.js';

const email = z
  .email({ error: 'email must be a valid email address' })
  .max(254, { error: 'email must be a valid email address' });
/** Random base64url of 32 bytes; anything far from that shape is refused before a lookup. */
const token = z.string().regex(/^[A-Za-z0-9_-]{20,128}$/, { error: 'token: is not a valid link token' });
const newPassword = length('newPassword', PASSWORD_MIN, PASSWORD_MAX);

export const changePasswordInput = z.object({
  currentPassword: length('currentPassword', 1, PASSWORD_MAX),
  newPassword,
});

export const passwordResetRequest = z.object({ email });

export const resetPasswordInput = z.object({ token, newPassword });

export const verifyEmailInput = z.object({ token });

export const resendVerificationInput = z.object({ email: email.nullish() });

export const updateProfileInput = z.object({
  /** Absent: unchanged; null or blank: cleared (the username is shown). */
  displayName: optionalText(64).optional(),
  email: email.nullish(),
  currentPassword: length('currentPassword', 1, PASSWORD_MAX).nullish(),
});
