import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AlertRuleChoicesDocument, CreateAlertRuleDocument } from '../src/pages/alerts/alerts.operations';
import { RuleForm } from '../src/pages/alerts/RuleForm';

afterEach(cleanup);

const choices = {
  request: { query: AlertRuleChoicesDocument },
  result: {
    data: {
      __typename: 'Query',
      metricNames: [
        {
          __typename: 'MetricDefinition',
          name: 'errorRate',
          description: 'share of failed requests',
          unit: 'ratio',
        },
      ],
      systemHealth: {
        __typename: 'SystemHealth',
        components: [{ __typename: 'ComponentHealth', name: 'tasks', kind: 'SERVICE' }],
      },
    },
  },
};

/** The server refusing the rule with BAD_USER_INPUT on `field`, its message prefixed by the path. */
const refusal = (field: string, rule: string) => ({
  request: { query: CreateAlertRuleDocument, variables: () => true },
  result: {
    errors: [{ message: `${field}: ${rule}`, extensions: { code: 'BAD_USER_INPUT', field } }],
  },
});

async function submitValidRule(mocks: unknown[]) {
  render(
    <MockedProvider mocks={[choices, ...(mocks as [])]}>
      <RuleForm />
    </MockedProvider>,
  );
  await screen.findByRole('option', { name: /errorRate/ });
  fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Errors up' } });
  fireEvent.change(screen.getByLabelText('Metric'), { target: { value: 'errorRate' } });
  fireEvent.change(screen.getByLabelText('Threshold'), { target: { value: '0.05' } });
  fireEvent.click(screen.getByRole('button', { name: 'Create rule' }));
}

describe('RuleForm', () => {
  it("shows the server's BAD_USER_INPUT beside the field it names, tied to it, and not above the buttons", async () => {
    await submitValidRule([refusal('input.metric', 'no samples of this series yet')]);

    const error = await screen.findByText('Metric no samples of this series yet');
    const metric = screen.getByLabelText('Metric');
    expect(metric.getAttribute('aria-invalid')).toBe('true');
    expect(metric.getAttribute('aria-describedby')).toContain(error.id);
    expect(screen.queryByText(/Could not create the rule/)).toBeNull();
  });

  it('puts an error on a nested path beside its field (input.notify.1 under Notify)', async () => {
    await submitValidRule([refusal('input.notify.1', 'WEBHOOK needs an ADMIN endpoint')]);

    expect(await screen.findByText('Notify: WEBHOOK needs an ADMIN endpoint')).toBeTruthy();
  });

  it('shows an error naming no field of the form above the buttons, whole', async () => {
    await submitValidRule([refusal('id', 'A built-in rule cannot be deleted')]);

    expect(await screen.findByText(/Could not create the rule/)).toBeTruthy();
    expect(screen.getByText(/A built-in rule cannot be deleted/)).toBeTruthy();
  });
});
