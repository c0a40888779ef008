import { graphql } from '../gql';

export const AuthFieldsFragment = graphql(`
  fragment AuthFields on AuthPayload {
    accessToken
    refreshToken
    expiresIn
    user {
      id
      username
      email
      role
    }
  }
`);

export const LoginDocument = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      ...AuthFields
    }
  }
`);

export const RegisterDocument = graphql(`
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      ...AuthFields
    }
  }
`);

export const RefreshTokenDocument = graphql(`
  mutation RefreshToken($refreshToken: String!) {
    refreshToken(refreshToken: $refreshToken) {
      ...AuthFields
    }
  }
`);

export const LogoutDocument = graphql(`
  mutation Logout($refreshToken: String!) {
    logout(refreshToken: $refreshToken)
  }
`);

export const CompleteTwoFactorLoginDocument = graphql(`
  mutation CompleteTwoFactorLogin($input: CompleteTwoFactorLoginInput!) {
    completeTwoFactorLogin(input: $input) {
      ...AuthFields
    }
  }
`);

export const OidcProvidersDocument = graphql(`
  query OidcProviders {
    oidcProviders {
      id
      name
    }
  }
`);

export const ExchangeOidcCodeDocument = graphql(`
  mutation ExchangeOidcCode($code: String!) {
    exchangeOidcCode(code: $code) {
      ...AuthFields
    }
  }
`);

export const ConfirmOidcLinkDocument = graphql(`
  mutation ConfirmOidcLink($code: String!) {
    confirmOidcLink(code: $code)
  }
`);

export const EnrolTotpForSignInDocument = graphql(`
  mutation EnrolTotpForSignIn($challengeToken: String!) {
    enrolTotp(challengeToken: $challengeToken) {
      secret
      qrCodeDataUrl
    }
  }
`);

export const CompleteTwoFactorEnrolmentDocument = graphql(`
  mutation CompleteTwoFactorEnrolment($input: CompleteTwoFactorEnrolmentInput!) {
    completeTwoFactorEnrolment(input: $input) {
      recoveryCodes
      session {
        ...AuthFields
      }
    }
  }
`);

export const PasskeyLoginOptionsDocument = graphql(`
  mutation PasskeyLoginOptions($challengeToken: String!) {
    passkeyLoginOptions(challengeToken: $challengeToken)
  }
`);

export const CompletePasskeyLoginDocument = graphql(`
  mutation CompletePasskeyLogin($input: CompletePasskeyLoginInput!) {
    completePasskeyLogin(input: $input) {
      ...AuthFields
    }
  }
`);

export const PasskeySignInOptionsDocument = graphql(`
  mutation PasskeySignInOptions {
    passkeySignInOptions {
      flowId
      options
    }
  }
`);

export const SignInWithPasskeyDocument = graphql(`
  mutation SignInWithPasskey($input: SignInWithPasskeyInput!) {
    signInWithPasskey(input: $input) {
      ...AuthFields
    }
  }
`);
