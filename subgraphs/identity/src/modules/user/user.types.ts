import { Connection } from '@trae/kit';
import { User } from './user.entity.js';

export const UserConnection = Connection(User);
