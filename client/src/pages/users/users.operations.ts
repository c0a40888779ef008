import { graphql } from '../../gql';

export const UsersDocument = graphql(`
  query Users($first: Int, $after: String, $search: String, $role: Role) {
    users(first: $first, after: $after, search: $search, role: $role) {
      totalCount
      edges {
        node {
          id
          username
          email
          role
          disabled
          createdAt
          lastLoginAt
        }
      }
    }
  }
`);

export const SetUserRoleDocument = graphql(`
  mutation SetUserRole($userId: ID!, $role: Role!) {
    setUserRole(userId: $userId, role: $role) {
      id
      role
    }
  }
`);

export const SetUserDisabledDocument = graphql(`
  mutation SetUserDisabled($userId: ID!, $disabled: Boolean!) {
    setUserDisabled(userId: $userId, disabled: $disabled) {
      id
      disabled
    }
  }
`);

export const AuditLogDocument = graphql(`
  query AuditLog($first: Int, $type: AuditEventType) {
    auditLog(first: $first, type: $type) {
      totalCount
      edges {
        node {
          id
          type
          actorId
          subjectId
          ip
          createdAt
        }
      }
    }
  }
`);

export const ApiKeysDocument = graphql(`
  query ApiKeys {
    apiKeys {
      id
      name
      role
      prefix
      expiresAt
      lastUsedAt
      revokedAt
      createdAt
    }
  }
`);

export const CreateApiKeyDocument = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
      apiKey {
        id
      }
    }
  }
`);

export const RevokeApiKeyDocument = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id)
  }
`);
