import { Errors, type Principal } from '@trae/kit';

/**
 * Who reads which log lines, decided on the lines themselves rather than on which service wrote
 * them: a line carries the `userId` of the verified caller whose request logged it (the kit binds
 * it), and a caller who is not ADMIN reads only the lines of their own requests. Lines of no
 * user's request (startup, jobs, signed downloads, other users) are for ADMIN alone.
 *
 * Returns the user whose lines the caller may read, or `undefined` for every line.
 */
export function readableOwner(user: Principal): string | undefined {
  if (user.role === 'ADMIN') return undefined;
  // @Authorized() already refuses anonymous callers; a principal without an id owns no lines.
  if (!user.id) throw Errors.forbidden('Logs are for signed-in users');
  return user.id;
}

/** Whether a line (its owner) falls in what `readableOwner` allows. */
export const mayRead = (owner: string | undefined, line: { userId: string | null }) =>
  owner === undefined || line.userId === owner;
