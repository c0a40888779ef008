import type { IdentityContext } from '../../context.js';
import type { User } from './user.entity.js';

/** How other subgraphs' `User` references become full users. */
export const userReference = {
  User: {
    __resolveReference: (ref: Pick<User, 'id'>, ctx: IdentityContext) => ctx.loaders.user.load(ref.id),
  },
};
