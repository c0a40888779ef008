import { Length } from 'class-validator';
import { Field, InputType, ObjectType } from 'type-graphql';
import { Role } from '../user/role.js';
import { ApiKey } from './api-key.entity.js';

@InputType()
export class CreateApiKeyInput {
  @Field(() => String)
  @Length(1, 64)
  name: string;

  @Field(() => Role, { description: 'The role the key acts with; never above your own.' })
  role: Role;

  @Field(() => Date, { nullable: true, description: 'When the key stops working (at most a year ahead).' })
  expiresAt?: Date;
}

@ObjectType()
export class ApiKeyPayload {
  @Field(() => ApiKey)
  apiKey: ApiKey;

  @Field(() => String, {
    description: 'The secret, shown this once. Send it as `Authorization: Bearer <secret>`.',
  })
  secret: string;
}
