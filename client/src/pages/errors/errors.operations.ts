import { graphql } from '../../gql';

export const ErrorIssueFragment = graphql(`
  fragment ErrorIssue on ErrorGroup {
    id
    type
    message
    service
    severity
    count
    firstSeen
    lastSeen
    resolved
    resolvedAt
    reopenedCount
    hourly
    stackTrace
    sampleContext
  }
`);

export const ErrorsPageDocument = graphql(`
  query ErrorsPage($first: Int, $after: String, $resolved: Boolean, $service: String, $state: ErrorGroupState) {
    errors(first: $first, after: $after, resolved: $resolved, service: $service, state: $state) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...ErrorIssue
        }
      }
    }
  }
`);

export const ResolveErrorDocument = graphql(`
  mutation ResolveError($id: ID!) {
    resolveError(id: $id) {
      ...ErrorIssue
    }
  }
`);

export const ReopenErrorDocument = graphql(`
  mutation ReopenError($id: ID!) {
    reopenError(id: $id) {
      ...ErrorIssue
    }
  }
`);
