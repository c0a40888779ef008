import { graphql } from '../../gql';

/**
 * What the stream filters and deduplicates lines by (a live line must pass the filters the server
 * applies to stored ones), and the row's own fragment.
 */
export const LogStream_line = graphql(`
  fragment LogStream_line on LogEntry {
    id
    service
    level
    message
    requestId
    userId
    context
    ...LogRow_line
  }
`);

export const LogStreamQuery = graphql(`
  query LogStream(
    $first: Int
    $after: String
    $level: LogLevel
    $service: String
    $search: String
    $requestId: String
    $status: Int
    $route: String
    $userId: String
    $from: DateTime
  ) {
    logs(
      first: $first
      after: $after
      level: $level
      service: $service
      search: $search
      requestId: $requestId
      status: $status
      route: $route
      userId: $userId
      from: $from
    ) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...LogStream_line
        }
      }
    }
  }
`);

export const LogServicesDocument = graphql(`
  query LogServices {
    logServices
  }
`);

export const LogStreamTailSubscription = graphql(`
  subscription LogStreamTail($level: LogLevel, $service: String) {
    logAdded(level: $level, service: $service) {
      ...LogStream_line
    }
  }
`);
