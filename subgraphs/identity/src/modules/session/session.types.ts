import { Connection } from '@trae/kit';
import { UserSession } from './session.entity.js';

export const SessionConnection = Connection(UserSession, 'Session');
