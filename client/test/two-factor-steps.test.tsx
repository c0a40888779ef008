import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CompletePasskeyLoginDocument,
  CompleteTwoFactorEnrolmentDocument,
  EnrolTotpForSignInDocument,
  PasskeyLoginOptionsDocument,
  PasskeySignInOptionsDocument,
  SignInWithPasskeyDocument,
} from '../src/auth/auth.operations';
import {
  AccountDocument,
  PasskeyRegistrationOptionsDocument,
  RegisterPasskeyDocument,
} from '../src/pages/account/account.operations';
import { PasskeysSection } from '../src/pages/account/PasskeysSection';
import { PasskeySignIn } from '../src/pages/PasskeySignIn';
import { TwoFactorEnrolmentStep } from '../src/pages/TwoFactorEnrolmentStep';
import { TwoFactorStep } from '../src/pages/TwoFactorStep';

// The browser's WebAuthn prompt stands in here; identity's tests verify real authenticator answers.
const webauthn = vi.hoisted(() => ({
  startAuthentication: vi.fn(),
  startRegistration: vi.fn(),
  browserSupportsWebAuthn: vi.fn(() => true),
}));
vi.mock('@simplewebauthn/browser', () => webauthn);

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

function renderWith(mocks: unknown[], ui: ReactNode) {
  render(
    <MockedProvider mocks={mocks as []}>
      <MemoryRouter>{ui}</MemoryRouter>
    </MockedProvider>,
  );
}
const type = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

const session = {
  __typename: 'AuthPayload',
  accessToken: 'access',
  refreshToken: 'refresh',
  expiresIn: 900,
  user: { __typename: 'User', id: 'u1', username: 'ada', email: 'ada@example.com', role: 'ADMIN' },
};
const challengeToken = 'challenge-token-of-twenty-chars';

describe('TwoFactorEnrolmentStep (REQUIRE_2FA_FOR_ADMINS)', () => {
  const enrol = {
    request: { query: EnrolTotpForSignInDocument, variables: { challengeToken } },
    result: {
      data: {
        __typename: 'Mutation',
        enrolTotp: {
          __typename: 'TotpEnrolment',
          secret: 'JBSWY3DPEHPK3PXP',
          qrCodeDataUrl: 'data:image/png;base64,AA==',
        },
      },
    },
  };
  const completing = (code: string, result: unknown) => ({
    request: { query: CompleteTwoFactorEnrolmentDocument, variables: { input: { challengeToken, code } } },
    result,
  });

  it('enrols the app with the challenge, shows the recovery codes once, then signs in', async () => {
    const onSignedIn = vi.fn();
    const done = completing('123456', {
      data: {
        __typename: 'Mutation',
        completeTwoFactorEnrolment: {
          __typename: 'EnrolmentSignIn',
          recoveryCodes: ['aaaaa-bbbbb'],
          session,
        },
      },
    });
    renderWith(
      [enrol, done],
      <TwoFactorEnrolmentStep
        challengeToken={challengeToken}
        onSignedIn={onSignedIn}
        onRestart={vi.fn()}
        onCancel={vi.fn()}
      />,
    );
    expect(screen.getByText(/Administrators must use two-factor sign-in here/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Set up the authenticator app' }));
    await screen.findByRole('img', { name: 'QR code for your authenticator app' });
    expect(screen.getByText('JBSWY3DPEHPK3PXP')).toBeTruthy();
    type('Code from the app', ' 123456 ');
    fireEvent.click(screen.getByRole('button', { name: 'Turn on and sign in' }));

    const codes = await screen.findByRole('region', { name: 'Your recovery codes' });
    expect(codes.textContent).toContain('aaaaa-bbbbb');
    expect(onSignedIn).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'I have stored it' }));
    expect(onSignedIn).toHaveBeenCalledWith(expect.objectContaining({ accessToken: 'access' }));
  });

  it('keeps the step open on a wrong code, and starts over when the challenge has ended', async () => {
    const onRestart = vi.fn();
    const wrong = completing('000000', {
      errors: [
        {
          message: 'That code is not right (or was used already)',
          extensions: { code: 'BAD_USER_INPUT', field: 'code' },
        },
      ],
    });
    const ended = completing('111111', {
      errors: [
        { message: 'This enrolment has expired; sign in again', extensions: { code: 'UNAUTHENTICATED' } },
      ],
    });
    renderWith(
      [enrol, wrong, ended],
      <TwoFactorEnrolmentStep
        challengeToken={challengeToken}
        onSignedIn={vi.fn()}
        onRestart={onRestart}
        onCancel={vi.fn()}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Set up the authenticator app' }));
    await screen.findByLabelText('Code from the app');
    type('Code from the app', '000000');
    fireEvent.click(screen.getByRole('button', { name: 'Turn on and sign in' }));
    expect(await screen.findByText('That code is not right (or was used already)')).toBeTruthy();

    type('Code from the app', '111111');
    fireEvent.click(screen.getByRole('button', { name: 'Turn on and sign in' }));
    await waitFor(() =>
      expect(onRestart).toHaveBeenCalledWith('This sign-in has expired. Enter your password again.'),
    );
  });
});

describe('TwoFactorStep with a passkey', () => {
  const options = {
    challenge: 'abc',
    rpId: 'localhost',
    allowCredentials: [{ id: 'cred', type: 'public-key' }],
  };
  const answer = { id: 'cred', rawId: 'cred', type: 'public-key', response: {}, clientExtensionResults: {} };
  const optionsMock = {
    request: { query: PasskeyLoginOptionsDocument, variables: { challengeToken } },
    result: { data: { __typename: 'Mutation', passkeyLoginOptions: options } },
  };

  it('signs in with the passkey the browser prompt returns', async () => {
    webauthn.startAuthentication.mockResolvedValue(answer);
    const onSignedIn = vi.fn();
    renderWith(
      [
        optionsMock,
        {
          request: {
            query: CompletePasskeyLoginDocument,
            variables: { input: { challengeToken, response: answer } },
          },
          result: { data: { __typename: 'Mutation', completePasskeyLogin: session } },
        },
      ],
      <TwoFactorStep
        challengeToken={challengeToken}
        passkey
        onSignedIn={onSignedIn}
        onRestart={vi.fn()}
        onCancel={vi.fn()}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Use a passkey instead' }));
    await waitFor(() =>
      expect(onSignedIn).toHaveBeenCalledWith(expect.objectContaining({ accessToken: 'access' })),
    );
    expect(webauthn.startAuthentication).toHaveBeenCalledWith({ optionsJSON: options });
  });

  it('says so when identity refuses the passkey, and offers no passkey to an account without one', async () => {
    webauthn.startAuthentication.mockResolvedValue(answer);
    renderWith(
      [
        optionsMock,
        {
          request: {
            query: CompletePasskeyLoginDocument,
            variables: { input: { challengeToken, response: answer } },
          },
          result: {
            errors: [
              {
                message: 'Another site',
                extensions: { code: 'PASSKEY_REJECTED', reason: 'unknown-credential' },
              },
            ],
          },
        },
      ],
      <TwoFactorStep
        challengeToken={challengeToken}
        passkey
        onSignedIn={vi.fn()}
        onRestart={vi.fn()}
        onCancel={vi.fn()}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Use a passkey instead' }));
    expect(await screen.findByText(/That passkey is not registered to this account/)).toBeTruthy();
    cleanup();
    renderWith(
      [],
      <TwoFactorStep
        challengeToken={challengeToken}
        onSignedIn={vi.fn()}
        onRestart={vi.fn()}
        onCancel={vi.fn()}
      />,
    );
    expect(screen.queryByRole('button', { name: 'Use a passkey instead' })).toBeNull();
  });
});

describe('PasskeysSection', () => {
  it('asks for the app first while two-factor is off', () => {
    renderWith([], <PasskeysSection twoFactorOn={false} passkeys={[]} />);
    expect(screen.getByText(/Set up two-factor sign-in with an app first/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add a passkey' })).toBeNull();
  });

  it("adds one through the browser's prompt, and lists what it has", async () => {
    const creation = { challenge: 'xyz', rp: { id: 'localhost', name: 'TRAE.AI' } };
    const answer = { id: 'new', rawId: 'new', type: 'public-key', response: {}, clientExtensionResults: {} };
    webauthn.startRegistration.mockResolvedValue(answer);
    renderWith(
      [
        {
          request: { query: PasskeyRegistrationOptionsDocument },
          result: { data: { __typename: 'Mutation', passkeyRegistrationOptions: creation } },
        },
        {
          request: {
            query: RegisterPasskeyDocument,
            variables: { input: { name: 'Laptop', response: answer } },
          },
          result: {
            data: {
              __typename: 'Mutation',
              registerPasskey: { __typename: 'Passkey', id: 'p2', name: 'Laptop' },
            },
          },
        },
        { request: { query: AccountDocument }, result: { data: null } },
      ],
      <PasskeysSection
        twoFactorOn
        passkeys={[
          {
            id: 'p1',
            name: 'YubiKey',
            multiDevice: false,
            createdAt: '2026-12-01T10:00:00Z',
            lastUsedAt: null,
          },
        ]}
      />,
    );
    expect(screen.getByRole('list', { name: 'Your passkeys' }).textContent).toContain('YubiKey');
    type('Name of the new passkey', ' Laptop ');
    fireEvent.click(screen.getByRole('button', { name: 'Add a passkey' }));
    expect(await screen.findByText(/Passkey added/)).toBeTruthy();
    expect(webauthn.startRegistration).toHaveBeenCalledWith({ optionsJSON: creation });
  });
});

describe('PasskeySignIn (no password)', () => {
  const options = { challenge: 'pw', rpId: 'localhost', userVerification: 'required' };
  const answer = { id: 'cred', rawId: 'cred', type: 'public-key', response: {}, clientExtensionResults: {} };
  const start = {
    request: { query: PasskeySignInOptionsDocument },
    result: {
      data: {
        __typename: 'Mutation',
        passkeySignInOptions: { __typename: 'PasskeySignInStart', flowId: 'f'.repeat(43), options },
      },
    },
  };

  it('signs in with the passkey the browser offers', async () => {
    webauthn.startAuthentication.mockResolvedValue(answer);
    const onSignedIn = vi.fn();
    renderWith(
      [
        start,
        {
          request: {
            query: SignInWithPasskeyDocument,
            variables: { input: { flowId: 'f'.repeat(43), response: answer } },
          },
          result: { data: { __typename: 'Mutation', signInWithPasskey: session } },
        },
      ],
      <PasskeySignIn onSignedIn={onSignedIn} onProblem={vi.fn()} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Use a passkey' }));
    await waitFor(() =>
      expect(onSignedIn).toHaveBeenCalledWith(expect.objectContaining({ accessToken: 'access' })),
    );
    expect(webauthn.startAuthentication).toHaveBeenCalledWith({ optionsJSON: options });
  });

  it('says so when the prompt is closed', async () => {
    webauthn.startAuthentication.mockRejectedValue(new Error('NotAllowedError'));
    const onProblem = vi.fn();
    renderWith([start], <PasskeySignIn onSignedIn={vi.fn()} onProblem={onProblem} />);
    fireEvent.click(screen.getByRole('button', { name: 'Use a passkey' }));
    await waitFor(() =>
      expect(onProblem).toHaveBeenCalledWith({
        message: 'No passkey was used. Try again, or sign in with your password.',
      }),
    );
  });
});
