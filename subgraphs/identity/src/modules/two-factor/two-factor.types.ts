import { Field, Int, ObjectType } from 'type-graphql';
import { AuthPayload } from '../auth/auth.types.js';

@ObjectType({
  description: 'What an authenticator app needs; confirm with `confirmTotp` and its first code.',
})
export class TotpEnrolment {
  @Field(() => String, { description: 'The base32 secret, for typing in by hand.' })
  secret: string;

  @Field(() => String, { description: 'The `otpauth://totp/...` URI the QR code holds.' })
  otpauthUri: string;

  @Field(() => String, { description: 'A PNG of the QR code as a `data:` URL, for an `<img src>`.' })
  qrCodeDataUrl: string;
}

@ObjectType({ description: 'Single-use codes that stand in for the app. Shown this once: keep them safe.' })
export class RecoveryCodes {
  @Field(() => [String])
  codes: string[];
}

@ObjectType()
export class TwoFactorStatus {
  @Field(() => Boolean, { description: 'Sign-in asks for a TOTP (or recovery) code after the password.' })
  enabled: boolean;

  @Field(() => Int, { description: 'Unused recovery codes.' })
  recoveryCodesLeft: number;
}

@ObjectType({ description: 'A sign-in that had to enrol a second factor first, now finished.' })
export class EnrolmentSignIn {
  @Field(() => AuthPayload)
  session: AuthPayload;

  @Field(() => [String], { description: 'Single-use codes that stand in for the app. Shown this once.' })
  recoveryCodes: string[];
}
