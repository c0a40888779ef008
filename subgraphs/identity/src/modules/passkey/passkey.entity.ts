import { randomUUID } from 'node:crypto';
import { Entity, Index, Property } from '@mikro-orm/decorators/legacy';
import { CreatedAt, UuidPrimaryKey } from '@trae/kit';
import { Field, ObjectType } from 'type-graphql';

/**
 * A WebAuthn credential (passkey or security key) of one account: its public key and signature
 * counter. Only its owner sees it; the key material never leaves identity.
 */
@ObjectType({ description: 'A passkey or security key that can stand in for the authenticator app.' })
@Entity({ tableName: 'passkeys' })
export class Passkey {
  @UuidPrimaryKey()
  id: string = randomUUID();

  @Index()
  @Property({ type: 'uuid' })
  userId: string;

  @Field(() => String, { description: 'The name its owner gave it ("Laptop", "YubiKey").' })
  @Property({ type: 'string', length: 64 })
  name: string;

  /** base64url, as the browser reports it. */
  @Property({ type: 'string', length: 1024, unique: true, hidden: true })
  credentialId: string;

  /** COSE public key, base64url. */
  @Property({ type: 'text', hidden: true })
  publicKey: string;

  /** The authenticator's signature counter: an answer must move it on, or it is a cloned key. */
  @Property({ type: 'bigint', hidden: true })
  counter: number = 0;

  @Property({ type: 'json', hidden: true })
  transports: string[] = [];

  @Field(() => Boolean, { description: 'Synced between devices (a passkey) rather than bound to one.' })
  @Property({ type: 'boolean' })
  multiDevice: boolean = false;

  @Field(() => Boolean, { description: 'Its provider reports it backed up.' })
  @Property({ type: 'boolean' })
  backedUp: boolean = false;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: Date | null;

  @CreatedAt()
  createdAt: Date = new Date();
}
