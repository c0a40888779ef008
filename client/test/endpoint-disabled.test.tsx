import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import {
  EndpointDisabledNotices,
  EndpointDisabledNoticesDocument,
} from '../src/pages/webhooks/EndpointDisabledNotices';

afterEach(cleanup);

const disabled = {
  request: { query: EndpointDisabledNoticesDocument },
  result: {
    data: {
      __typename: 'Subscription',
      webhookEndpointDisabled: {
        __typename: 'WebhookEndpoint',
        id: 'ep-1',
        url: 'https://hooks.example.com/in',
        status: 'DISABLED',
        disabledReason: 'the receiver answered 410 Gone',
        disabledAt: '2026-12-04T02:00:00.000Z',
      },
    },
  },
};

describe('EndpointDisabledNotices', () => {
  it('tells the owner which endpoint was disabled and why, links to it, and can be dismissed', async () => {
    render(
      <MockedProvider mocks={[disabled]}>
        <MemoryRouter>
          <EndpointDisabledNotices />
        </MemoryRouter>
      </MockedProvider>,
    );

    const notice = await screen.findByRole('status');
    expect(notice.textContent).toContain('the receiver answered 410 Gone');
    expect(screen.getByRole('link', { name: 'https://hooks.example.com/in' }).getAttribute('href')).toBe(
      '/webhook-endpoints/ep-1',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('status')).toBeNull();
  });
});
