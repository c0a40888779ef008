import { graphql } from '../../gql';

export const LogLineFragment = graphql(`
  fragment LogLine on LogEntry {
    id
    time
    service
    level
    message
    requestId
  }
`);

export const LogsDocument = graphql(`
  query Logs($first: Int, $after: String, $level: LogLevel, $service: String, $search: String) {
    logs(first: $first, after: $after, level: $level, service: $service, search: $search) {
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

export const LogAddedDocument = graphql(`
  subscription LogAdded($level: LogLevel, $service: String) {
    logAdded(level: $level, service: $service) {
      ...LogLine
    }
  }
`);
