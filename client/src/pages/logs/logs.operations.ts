import { graphql } from '../../gql';

export const LogLineFragment = graphql(`
  fragment LogLine on LogEntry {
    id
    time
    service
    level
    message
    requestId
    userId
    context
  }
`);

export const LogsDocument = graphql(`
  query Logs(
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
          ...LogLine
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

export const LogAddedDocument = graphql(`
  subscription LogAdded($level: LogLevel, $service: String) {
    logAdded(level: $level, service: $service) {
      ...LogLine
    }
  }
`);
