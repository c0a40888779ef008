import { graphql } from '../gql';

export const ErrorGroupsDocument = graphql(`
  query ErrorGroups($first: Int, $resolved: Boolean) {
    errors(first: $first, resolved: $resolved) {
      totalCount
      edges {
        node {
          id
          type
          message
          service
          severity
          count
          lastSeen
          resolved
        }
      }
    }
  }
`);

export const ResolveErrorDocument = graphql(`
  mutation ResolveError($id: ID!) {
    resolveError(id: $id) {
      id
      resolved
      resolvedAt
    }
  }
`);
