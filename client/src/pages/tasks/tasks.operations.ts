import { graphql } from '../../gql';

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

/** What a create, cancel or retry answers: the fields a list row and the task page show, merged by id. */
export const TaskChange_task = graphql(`
  fragment TaskChange_task on Task {
    id
    status
    agent
    type
    progress
    progressMessage
    attempts
    error
    startedAt
    completedAt
    durationMs
    ...TaskListRow_task
  }
`);

export const CreateTaskDocument = graphql(`
  mutation CreateTask($input: CreateTaskInput!) {
    createTask(input: $input) {
      id
      status
      agent
      type
      ...TaskChange_task
    }
  }
`);

/** Cancel and retry answer with the task's changed fields, merged into the cache by id. */
export const CancelTaskDocument = graphql(`
  mutation CancelTask($id: ID!) {
    cancelTask(id: $id) {
      id
      status
      agent
      type
      ...TaskChange_task
    }
  }
`);

export const RetryTaskDocument = graphql(`
  mutation RetryTask($id: ID!) {
    retryTask(id: $id) {
      id
      status
      agent
      type
      ...TaskChange_task
    }
  }
`);
