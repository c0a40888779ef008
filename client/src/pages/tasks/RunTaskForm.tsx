import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { addToConnections } from '../../apollo/cache-updates';
import { ErrorMessage } from '../../components/ErrorMessage';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import { humanize } from '../../lib/format';
import { CapabilityFields } from './CapabilityFields';
import { CAPABILITY_FORMS, type FormValues, toInput } from './capability-forms';
import { CreateTaskDocument } from './tasks.operations';

export const RunTaskForm_agent = graphql(`
  fragment RunTaskForm_agent on Agent {
    id
    name
    status
    capabilities
  }
`);

/** Pick an agent and one of its capabilities, fill in that capability's form, run it. */
export function RunTaskForm(props: { agents: readonly FragmentType<typeof RunTaskForm_agent>[] }) {
  const agents = getFragmentData(RunTaskForm_agent, props.agents);
  const navigate = useNavigate();
  const active = agents.filter((a) => a.status === 'ACTIVE');
  const [agentName, setAgentName] = useState(active[0]?.name ?? '');
  const agent = active.find((a) => a.name === agentName);
  const [type, setType] = useState(agent?.capabilities[0] ?? '');
  const [values, setValues] = useState<FormValues>({});
  const [json, setJson] = useState('{}');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [createTask, { loading, error }] = useMutation(CreateTaskDocument, {
    // The new task heads the lists it matches; search, channel and creator are the server's to judge.
    update(cache, { data }) {
      const task = data?.createTask;
      const ref = task && cache.identify(task);
      if (!task || !ref) return;
      addToConnections(cache, {
        fieldName: 'tasks',
        node: { __ref: ref },
        edgeTypename: 'TaskEdge',
        belongs: (args) =>
          args.search || args.channelId || args.createdBy
            ? undefined
            : (['status', 'agent', 'type'] as const).every((k) => !args[k] || args[k] === task[k]),
      });
    },
  });
  const fields = CAPABILITY_FORMS[type];

  function chooseAgent(name: string) {
    setAgentName(name);
    setType(active.find((a) => a.name === name)?.capabilities[0] ?? '');
    setValues({});
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    let input: Record<string, unknown>;
    if (fields) input = toInput(fields, values);
    else {
      try {
        input = JSON.parse(json) as Record<string, unknown>;
        setJsonError(null);
      } catch {
        setJsonError('The input is not valid JSON.');
        return;
      }
    }
    const { data } = await createTask({ variables: { input: { agent: agentName, type, input } } }).catch(
      () => ({
        data: undefined,
      }),
    );
    if (data) navigate(`/tasks/${data.createTask.id}`);
  }

  if (active.length === 0) return <p className="muted">No active agents. An administrator can resume one.</p>;
  return (
    <form className="form" onSubmit={submit} aria-labelledby="run-task-title">
      <h2 id="run-task-title">Run a task</h2>
      <div className="form-row">
        <label>
          Agent
          <select value={agentName} onChange={(e) => chooseAgent(e.target.value)}>
            {active.map((a) => (
              <option key={a.id} value={a.name}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Capability
          <select
            value={type}
            onChange={(e) => {
              setType(e.target.value);
              setValues({});
            }}
          >
            {agent?.capabilities.map((c) => (
              <option key={c} value={c}>
                {humanize(c)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {fields ? (
        <CapabilityFields fields={fields} values={values} onChange={setValues} />
      ) : (
        <label>
          Input (JSON)
          <textarea rows={6} value={json} onChange={(e) => setJson(e.target.value)} />
        </label>
      )}
      {jsonError && (
        <p className="notice notice-error" role="alert">
          {jsonError}
        </p>
      )}
      {error && <ErrorMessage error={error} title="Could not start the task" />}
      <button type="submit" className="button button-primary" disabled={loading || !type}>
        {loading ? 'Starting…' : 'Run task'}
      </button>
    </form>
  );
}
