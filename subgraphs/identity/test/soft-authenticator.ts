import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

const b64u = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest();

interface Ceremony {
  /** The page's origin the browser writes into clientDataJSON. */
  origin?: string;
  rpId?: string;
}

/**
 * A software WebAuthn authenticator (ES256, "none" attestation), built with node:crypto the way
 * @simplewebauthn's own tests build theirs: what a browser and a security key would send, byte for byte.
 */
export class SoftAuthenticator {
  readonly credentialId = randomBytes(16);
  private readonly keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  /** The signature counter it reports next time (moved on by each assertion). */
  counter = 0;

  constructor(
    private readonly rpId = 'localhost',
    private readonly origin = 'http://localhost:4000',
  ) {}

  get id(): string {
    return b64u(this.credentialId);
  }

  /** `startRegistration`'s answer to registration options. */
  register(options: { challenge: string }, ceremony: Ceremony = {}) {
    const jwk = this.keys.publicKey.export({ format: 'jwk' });
    const cose = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, Buffer.from(jwk.x as string, 'base64url')],
        [-3, Buffer.from(jwk.y as string, 'base64url')],
      ]),
    );
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    // Flags: user present, user verified, attested credential data included.
    const authData = Buffer.concat([
      this.authData(0x45, ceremony.rpId, 0),
      Buffer.alloc(16), // AAGUID: none
      idLength,
      this.credentialId,
      cose,
    ]);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Uint8Array | Map<string, string>>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, string>()],
        ['authData', authData],
      ]),
    );
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: {
        clientDataJSON: this.clientData('webauthn.create', options.challenge, ceremony.origin),
        attestationObject: b64u(attestationObject),
        transports: ['internal'],
      },
      clientExtensionResults: {},
    };
  }

  /** `startAuthentication`'s answer to authentication options, signed with the private key. */
  authenticate(
    options: { challenge: string },
    ceremony: Ceremony & {
      counter?: number;
      /** The account id the authenticator keeps with a discoverable credential (base64url). */
      userHandle?: string;
      /** false: user present only, no PIN or biometrics. */
      verified?: boolean;
    } = {},
  ) {
    const counter = ceremony.counter ?? ++this.counter;
    // Flags: user present, and user verified unless told otherwise.
    const authenticatorData = this.authData(
      ceremony.verified === false ? 0x01 : 0x05,
      ceremony.rpId,
      counter,
    );
    const clientDataJSON = this.clientData('webauthn.get', options.challenge, ceremony.origin);
    const signed = Buffer.concat([authenticatorData, sha256(Buffer.from(clientDataJSON, 'base64url'))]);
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      response: {
        clientDataJSON,
        authenticatorData: b64u(authenticatorData),
        // DER-encoded ECDSA, as authenticators send it.
        signature: b64u(sign('sha256', signed, this.keys.privateKey)),
        ...(ceremony.userHandle && { userHandle: ceremony.userHandle }),
      },
      clientExtensionResults: {},
    };
  }

  private authData(flags: number, rpId = this.rpId, counter: number): Buffer {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), count]);
  }

  private clientData(type: string, challenge: string, origin = this.origin): string {
    return b64u(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }
}
