import { graphql } from '../../gql';

export const AccountDocument = graphql(`
  query Account {
    me {
      id
      username
      email
      displayName
      avatarUrl
      pendingEmail
      emailVerified
      twoFactor {
        enabled
        recoveryCodesLeft
      }
      passkeys {
        id
        name
        multiDevice
        createdAt
        lastUsedAt
      }
      linkedIdentities {
        id
        provider
        email
        lastUsedAt
      }
    }
    oidcProviders {
      id
      name
    }
  }
`);

export const UpdateProfileDocument = graphql(`
  mutation UpdateProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      id
      email
      displayName
      pendingEmail
      emailVerified
    }
  }
`);

export const CreateAvatarUploadDocument = graphql(`
  mutation CreateAvatarUpload($input: CreateUploadInput!) {
    createUpload(input: $input) {
      file {
        id
      }
      uploadUrl
    }
  }
`);

export const SetAvatarDocument = graphql(`
  mutation SetAvatar($fileId: ID!) {
    setAvatar(fileId: $fileId) {
      id
      avatarUrl
    }
  }
`);

export const RemoveAvatarDocument = graphql(`
  mutation RemoveAvatar {
    removeAvatar {
      id
      avatarUrl
    }
  }
`);

export const ResendVerificationDocument = graphql(`
  mutation ResendVerification($email: String) {
    resendVerification(email: $email)
  }
`);

export const ChangePasswordDocument = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input)
  }
`);

export const SessionsDocument = graphql(`
  query Sessions {
    sessions(first: 50) {
      edges {
        node {
          id
          ip
          device
          createdAt
          lastUsedAt
          current
        }
      }
    }
  }
`);

export const RevokeSessionDocument = graphql(`
  mutation RevokeSession($id: ID!) {
    revokeSession(id: $id)
  }
`);

export const SignOutEverywhereDocument = graphql(`
  mutation SignOutEverywhere {
    signOutEverywhere
  }
`);

export const EnrolTotpDocument = graphql(`
  mutation EnrolTotp {
    enrolTotp {
      secret
      otpauthUri
      qrCodeDataUrl
    }
  }
`);

export const ConfirmTotpDocument = graphql(`
  mutation ConfirmTotp($input: ConfirmTotpInput!) {
    confirmTotp(input: $input) {
      codes
    }
  }
`);

export const DisableTwoFactorDocument = graphql(`
  mutation DisableTwoFactor($code: String!) {
    disableTwoFactor(code: $code)
  }
`);

export const RegenerateRecoveryCodesDocument = graphql(`
  mutation RegenerateRecoveryCodes($code: String!) {
    regenerateRecoveryCodes(code: $code) {
      codes
    }
  }
`);

export const LinkOidcProviderDocument = graphql(`
  mutation LinkOidcProvider($provider: ID!) {
    linkOidcProvider(provider: $provider)
  }
`);

export const UnlinkOidcProviderDocument = graphql(`
  mutation UnlinkOidcProvider($provider: ID!) {
    unlinkOidcProvider(provider: $provider)
  }
`);

export const RequestPasswordResetDocument = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

export const ResetPasswordDocument = graphql(`
  mutation ResetPassword($input: ResetPasswordInput!) {
    resetPassword(input: $input)
  }
`);

export const VerifyEmailDocument = graphql(`
  mutation VerifyEmail($token: String!) {
    verifyEmail(token: $token)
  }
`);

export const PasskeyRegistrationOptionsDocument = graphql(`
  mutation PasskeyRegistrationOptions {
    passkeyRegistrationOptions
  }
`);

export const RegisterPasskeyDocument = graphql(`
  mutation RegisterPasskey($input: RegisterPasskeyInput!) {
    registerPasskey(input: $input) {
      id
      name
    }
  }
`);

export const RenamePasskeyDocument = graphql(`
  mutation RenamePasskey($id: ID!, $name: String!) {
    renamePasskey(id: $id, name: $name) {
      id
      name
    }
  }
`);

export const DeletePasskeyDocument = graphql(`
  mutation DeletePasskey($id: ID!) {
    deletePasskey(id: $id)
  }
`);
