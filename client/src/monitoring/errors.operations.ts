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
