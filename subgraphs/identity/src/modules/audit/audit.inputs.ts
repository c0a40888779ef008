import { Connection } from '@trae/kit';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { AuditEvent, AuditEventType } from './audit-event.entity.js';

@ArgsType()
export class AuditLogArgs {
  @Field(() => Int, { nullable: true })
  first?: number;

  @Field(() => String, { nullable: true })
  after?: string;

  @Field(() => AuditEventType, { nullable: true })
  type?: AuditEventType;

  @Field(() => ID, { nullable: true, description: 'Events where this user acted or was acted on.' })
  userId?: string;
}

export const AuditEventConnection = Connection(AuditEvent);
