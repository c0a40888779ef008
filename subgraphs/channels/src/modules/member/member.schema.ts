import { isUuid, oneOf, z } from '@trae/kit';
import { CHANNEL_ROLES } from './member.enums.js';

export const channelRole = oneOf(CHANNEL_ROLES);

/** Checked before asking identity, which would only answer "not found". */
export const memberUserId = z.string().refine(isUuid, { error: 'is not a valid user id' });
