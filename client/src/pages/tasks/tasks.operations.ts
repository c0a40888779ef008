import { graphql } from '../../gql';

export const TaskRowFragment = graphql(`
  fragment TaskRow on Task {
    id
    agent
    type
    status
    progress
    progressMessage
    priority
    attempts
    maxAttempts
    error
    createdAt
    startedAt
    completedAt
    durationMs
    mode
    usage {
      inputTokens
      outputTokens
      costUsd
    }
  }
`);

export const TasksDocument = graphql(`
  query Tasks(
    $first: Int
    $after: String
    $status: TaskStatus
    $agent: String
    $type: String
    $channelId: ID
    $createdBy: ID
    $search: String
    $createdFrom: DateTime
  ) {
    tasks(
      first: $first
      after: $after
      status: $status
      agent: $agent
      type: $type
      channelId: $channelId
      createdBy: $createdBy
      search: $search
      createdFrom: $createdFrom
    ) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...TaskRow
        }
      }
    }
  }
`);

/** The Tasks list's live rows: only the row's fields, no logs, since thousands may arrive a minute. */
export const TasksPageUpdatesDocument = graphql(`
  subscription TasksPageUpdates {
    taskUpdated {
      ...TaskRow
    }
  }
`);

export const TaskDetailDocument = graphql(`
  query TaskDetail($id: ID!) {
    task(id: $id) {
      ...TaskRow
      input
      result
      output
      schedule
      nextRunAt
      channel {
        id
        name
      }
      logs(last: 200) {
        createdAt
        level
        message
      }
    }
  }
`);

/** Every change of tasks the caller may see; with `id`, one task's changes and its newest log lines. */
export const TaskUpdatedDocument = graphql(`
  subscription TaskUpdated($id: ID) {
    taskUpdated(id: $id) {
      ...TaskRow
      result
      logs(last: 200) {
        createdAt
        level
        message
      }
    }
  }
`);

/** The model's text as it is written: the text so far, then each new piece (see `addChunk`). */
export const TaskOutputDocument = graphql(`
  subscription TaskOutput($id: ID!) {
    taskOutput(id: $id) {
      taskId
      attempt
      offset
      text
      done
    }
  }
`);

/** The counts add up each agent's whole task history: deferred, so the cards and run form need not wait. */
export const AgentsDocument = graphql(`
  query Agents {
    agents {
      id
      name
      description
      runtime
      status
      capabilities
      ... @defer {
        stats {
          total
          pending
          queued
          running
          succeeded
          failed
          cancelled
          successRate
          averageDurationMs
          lastCompletedAt
        }
      }
    }
  }
`);

export const QueueStatsDocument = graphql(`
  query QueueStats {
    queueStats {
      agent
      waiting
      active
      delayed
      failed
      completed
      paused
      workers
    }
  }
`);

export const CreateTaskDocument = graphql(`
  mutation CreateTask($input: CreateTaskInput!) {
    createTask(input: $input) {
      ...TaskRow
    }
  }
`);

export const CancelTaskDocument = graphql(`
  mutation CancelTask($id: ID!) {
    cancelTask(id: $id) {
      ...TaskRow
    }
  }
`);

export const RetryTaskDocument = graphql(`
  mutation RetryTask($id: ID!) {
    retryTask(id: $id) {
      ...TaskRow
    }
  }
`);
