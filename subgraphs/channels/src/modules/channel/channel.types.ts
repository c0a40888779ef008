import { Connection } from '@trae/kit';
import { Channel } from './channel.entity.js';

export const ChannelConnection = Connection(Channel);
