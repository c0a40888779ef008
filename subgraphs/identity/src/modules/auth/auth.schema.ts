import { z } from '@trae/kit';
import { PASSWORD_MAX, PASSWORD_MIN } from './password.js';

/** `min` to `max` characters, refused with the words these inputs have always been refused with. */
export const length = (property: string, min: number, max: number) =>
  z
    .string()
    .min(min, { error: `${property} must be longer than or equal to ${min} characters` })
    .max(max, { error: `${property} must be shorter than or equal to ${max} characters` });

export const registerInput = z.object({
  username: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, {
      error: 'username may only contain letters, digits, dots, dashes and underscores',
    })
    .pipe(length('username', 3, 32)),
  // Longer than 254 characters is not a valid address (RFC 5321), so it is refused in the same words.
  email: z
    .email({ error: 'email must be a valid email address' })
    .max(254, { error: 'email must be a valid email address' }),
  password: length('password', PASSWORD_MIN, PASSWORD_MAX),
});

/** Bounded before anything is looked up or hashed, so a huge password cannot tie up a core. */
export const loginInput = z.object({
  login: length('login', 1, 254),
  password: length('password', 1, PASSWORD_MAX),
});
