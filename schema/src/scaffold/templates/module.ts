import type { Names } from '../names.js';

/** The example module (`modules/<entity>/`) and what it adds to identity's `User` (`modules/federation/`). */
export function moduleFiles(n: Names): Record<string, string> {
  const m = `src/modules/${n.entity}/${n.entity}`;
  return {
    [`${m}.entity.ts`]: `import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'Owned by one user; only they and admins see it.' })
@Entity({ tableName: '${n.table}' })
export class ${n.Entity} {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  ownerId: string;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name: string;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
`,
    [`${m}.types.ts`]: `import { Connection } from '@trae/kit';
import { ${n.Entity} } from './${n.entity}.entity.js';

export const ${n.Entity}Connection = Connection(${n.Entity});
`,
    [`${m}.inputs.ts`]: `import { PageArgs } from '@trae/kit';
import { ArgsType, Field, InputType } from 'type-graphql';

@InputType()
export class Create${n.Entity}Input {
  @Field(() => String, { description: '1 to 200 characters.' })
  name: string;
}

@ArgsType()
export class ${n.Plural}Args extends PageArgs() {}
`,
    [`${m}.schema.ts`]: `import { requiredText } from '@trae/kit';
import { z } from 'zod';

/** \`create${n.Entity}\`'s input: what GraphQL's types cannot say. */
export const new${n.Entity}Schema = z.object({ name: requiredText(200) });
`,
    [`${m}.service.ts`]: `import type { MikroORM } from '@mikro-orm/postgresql';
import {
  afterCursor,
  type ConnectionShape,
  isSelfOrAdmin,
  isUuid,
  NEWEST_FIRST,
  type PageQuery,
  type Principal,
  pageSize,
  parseInput,
  toConnection,
} from '@trae/kit';
import { ${n.Entity} } from './${n.entity}.entity.js';
import { new${n.Entity}Schema } from './${n.entity}.schema.js';

/** The rules; the resolvers only pass the caller in. */
export class ${n.Entity}Service {
  constructor(private readonly orm: MikroORM) {}

  async create(owner: Principal, input: unknown): Promise<${n.Entity}> {
    const { name } = parseInput(new${n.Entity}Schema, input, 'input');
    const row = Object.assign(new ${n.Entity}(), { ownerId: owner.id!, name });
    await this.orm.em.fork().persist(row).flush();
    return row;
  }

  /** The rows among \`ids\` the caller may see: their own (all of them for ADMIN). */
  async visible(caller: Principal, ids: readonly string[]): Promise<${n.Entity}[]> {
    const valid = ids.filter(isUuid);
    if (!valid.length) return [];
    const rows = await this.orm.em.fork().find(${n.Entity}, { id: { $in: valid } });
    return rows.filter((row) => isSelfOrAdmin(caller, row.ownerId));
  }

  /** One owner's rows, newest first, a keyset page at a time. */
  async list(ownerId: string, page: PageQuery): Promise<ConnectionShape<${n.Entity}>> {
    const limit = pageSize(page.first);
    const em = this.orm.em.fork();
    const totalCount = await em.count(${n.Entity}, { ownerId });
    const after = afterCursor(page.after);
    const rows = await em.find(${n.Entity}, after ? { ownerId, ...after } : { ownerId }, {
      orderBy: NEWEST_FIRST,
      limit: limit + 1,
    });
    return toConnection(rows, limit, totalCount);
  }
}
`,
    [`${m}.resolver.ts`]: `import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ${n.Name}Context } from '../../context.js';
import { UserRef } from '../federation/user.stub.js';
import { ${n.Entity} } from './${n.entity}.entity.js';
import { Create${n.Entity}Input, ${n.Plural}Args } from './${n.entity}.inputs.js';
import { ${n.Entity}Connection } from './${n.entity}.types.js';

@Resolver(() => ${n.Entity})
export class ${n.Entity}Resolver {
  @Authorized()
  @Query(() => ${n.Entity}, { nullable: true, description: 'Null unless it is yours (ADMIN sees every one).' })
  ${n.entityCamel}(@Arg('id', () => ID) id: string, @Ctx() ctx: ${n.Name}Context) {
    return ctx.loaders.${n.entityCamel}.load(id);
  }

  @Authorized()
  @Query(() => ${n.Entity}Connection, { description: 'Yours, newest first.' })
  ${n.plural}(@Args(() => ${n.Plural}Args) args: ${n.Plural}Args, @Ctx() ctx: ${n.Name}Context) {
    return ctx.services.${n.plural}.list(ctx.user.id!, args);
  }

  @Authorized()
  @Mutation(() => ${n.Entity}, { description: 'You become its owner.' })
  create${n.Entity}(@Arg('input', () => Create${n.Entity}Input) input: Create${n.Entity}Input, @Ctx() ctx: ${n.Name}Context) {
    return ctx.services.${n.plural}.create(ctx.user, input);
  }

  @FieldResolver(() => UserRef)
  owner(@Root() row: ${n.Entity}): UserRef {
    return { id: row.ownerId };
  }
}
`,
    [`${m}.reference.ts`]: `import type { ${n.Name}Context } from '../../context.js';

/** How other subgraphs' \`${n.Entity}\` references resolve: for the owner and admins, null for anyone else. */
export const ${n.entityCamel}Reference = {
  ${n.Entity}: {
    __resolveReference: (ref: { id: string }, ctx: ${n.Name}Context) => ctx.loaders.${n.entityCamel}.load(ref.id),
  },
};
`,
    'src/modules/federation/user.stub.ts': `import { type EntityKey, entityStub } from '@trae/kit';

/** identity's \`User\`, as far as ${n.name} knows it: the key, plus \`User.${n.plural}\`. */
export const UserRef = entityStub('User');
export type UserRef = EntityKey;
`,
    [`src/modules/federation/user-${n.pluralKebab}.resolver.ts`]: `import { requireSelfOrAdmin } from '@trae/kit';
import { Args, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ${n.Name}Context } from '../../context.js';
import { ${n.Plural}Args } from '../${n.entity}/${n.entity}.inputs.js';
import { ${n.Entity}Connection } from '../${n.entity}/${n.entity}.types.js';
import { UserRef } from './user.stub.js';

@Resolver(() => UserRef)
export class User${n.Plural}Resolver {
  @Authorized()
  @FieldResolver(() => ${n.Entity}Connection, {
    nullable: true,
    description: "The user's ${n.pluralWords}: for them and admins.",
  })
  ${n.plural}(@Root() user: UserRef, @Args(() => ${n.Plural}Args) args: ${n.Plural}Args, @Ctx() ctx: ${n.Name}Context) {
    requireSelfOrAdmin(ctx.user, user.id, 'Only the user and admins see their ${n.pluralWords}');
    return ctx.services.${n.plural}.list(user.id, args);
  }
}
`,
    'src/modules/federation/federation.reference.ts': `import { keyReferences } from '@trae/kit';

/** \`User\` belongs to identity, so its reference is just the key: \`User.${n.plural}\` needs nothing else. */
export const federationReferences = keyReferences('User');
`,
  };
}
