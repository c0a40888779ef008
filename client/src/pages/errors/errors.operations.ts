import { graphql } from '../../gql';

/** Resolve and reopen answer with the group's row, which the cache merges by id. */
export const ResolveErrorDocument = graphql(`
  mutation ResolveError($id: ID!) {
    resolveError(id: $id) {
      ...ErrorIssueRow_group
    }
  }
`);

export const ReopenErrorDocument = graphql(`
  mutation ReopenError($id: ID!) {
    reopenError(id: $id) {
      ...ErrorIssueRow_group
    }
  }
`);
