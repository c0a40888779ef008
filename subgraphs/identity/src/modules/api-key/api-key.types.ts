import { Field, ObjectType } from 'type-graphql';
import { ApiKey } from './api-key.entity.js';

@ObjectType()
export class ApiKeyPayload {
  @Field(() => ApiKey)
  apiKey: ApiKey;

  @Field(() => String, {
    description: 'The secret, shown this once. Send it as `Authorization: Bearer <secret>`.',
  })
  secret: string;
}
