import { PageArgs } from '@trae/kit';
import { ArgsType, Field, ID } from 'type-graphql';
import { AuditEventType } from './audit.enums.js';

@ArgsType()
export class AuditLogArgs extends PageArgs({ size: 50, description: null }) {
  @Field(() => AuditEventType, { nullable: true })
  type?: AuditEventType;

  @Field(() => ID, { nullable: true, description: 'Events where this user acted or was acted on.' })
  userId?: string;
}
