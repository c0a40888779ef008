import { Connection } from '@trae/kit';
import { AuditEvent } from './audit-event.entity.js';

export const AuditEventConnection = Connection(AuditEvent);
