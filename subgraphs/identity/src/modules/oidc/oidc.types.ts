import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'An OpenID Connect provider people may sign in with (OIDC_PROVIDERS).' })
export class OidcProvider {
  @Field(() => ID, { description: 'In `/auth/oidc/<id>/start`, where its button points.' })
  id: string;

  @Field(() => String, { description: 'The words of its button: "Sign in with <name>".' })
  name: string;
}
