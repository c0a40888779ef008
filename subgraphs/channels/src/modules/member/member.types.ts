import { Connection } from '@trae/kit';
import { ChannelMember } from './member.entity.js';

export const ChannelMemberConnection = Connection(ChannelMember);
