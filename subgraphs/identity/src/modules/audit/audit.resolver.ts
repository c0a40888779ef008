import { PAGE_LIST_SIZE } from '@trae/kit';
import { Args, Authorized, Ctx, Directive, Query, Resolver } from 'type-graphql';
import type { IdentityContext } from '../../context.js';
import { AuditLogArgs } from './audit.inputs.js';
import { AuditEventConnection } from './audit.types.js';

@Resolver()
export class AuditResolver {
  @Authorized('ADMIN')
  @Directive(PAGE_LIST_SIZE)
  @Query(() => AuditEventConnection, { description: 'Auth events, newest first.' })
  auditLog(@Args(() => AuditLogArgs) args: AuditLogArgs, @Ctx() ctx: IdentityContext) {
    return ctx.services.audit.list(args);
  }
}
