import { Field, InputType } from 'type-graphql';
import { Role } from '../user/user.enums.js';

@InputType()
export class CreateApiKeyInput {
  @Field(() => String)
  name: string;

  @Field(() => Role, { description: 'The role the key acts with; never above your own.' })
  role: Role;

  @Field(() => Date, { nullable: true, description: 'When the key stops working (at most a year ahead).' })
  expiresAt?: Date;
}
