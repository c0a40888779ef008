import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { JWK } from 'jose';

/**
 * An Ed25519 signing key shared by every identity instance. JWKS publishes every key that is
 * not retired, so tokens signed by a previous key keep verifying through a rotation.
 */
@Entity({ tableName: 'signing_keys' })
export class SigningKey {
  @PrimaryKey({ type: 'string', length: 64 })
  kid: string;

  @Property({ type: 'json' })
  privateJwk: JWK;

  @Property({ type: 'json' })
  publicJwk: JWK;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  retiredAt?: Date;
}
