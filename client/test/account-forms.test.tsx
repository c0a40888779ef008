import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ChangePasswordDocument,
  ConfirmTotpDocument,
  EnrolTotpDocument,
  RegenerateRecoveryCodesDocument,
  UnlinkOidcProviderDocument,
  UpdateProfileDocument,
} from '../src/pages/account/account.operations';
import { PasswordSection } from '../src/pages/account/PasswordSection';
import { ProfileSection } from '../src/pages/account/ProfileSection';
import { ProvidersSection } from '../src/pages/account/ProvidersSection';
import { TwoFactorSection } from '../src/pages/account/TwoFactorSection';

afterEach(cleanup);

const badInput = (field: string, message: string) => ({
  errors: [{ message, extensions: { code: 'BAD_USER_INPUT', field } }],
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

describe('PasswordSection', () => {
  const input = { currentPassword: 'old password', newPassword: 'new password 1' };

  it('shows a wrong current password beside that field, tied to it', async () => {
    const refusal = badInput('currentPassword', 'currentPassword: is not your current password');
    renderWith(
      [{ request: { query: ChangePasswordDocument, variables: { input } }, result: refusal }],
      <PasswordSection />,
    );
    type('Current password', input.currentPassword);
    type('New password', input.newPassword);
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));

    const error = await screen.findByText('Current password is not your current password');
    const field = screen.getByLabelText('Current password');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toContain(error.id);
  });

  it('says other sessions ended once changed, and empties the fields', async () => {
    renderWith(
      [
        {
          request: { query: ChangePasswordDocument, variables: { input } },
          result: { data: { __typename: 'Mutation', changePassword: true } },
        },
      ],
      <PasswordSection />,
    );
    expect(screen.getByText(/signs you out everywhere else/)).toBeTruthy();
    type('Current password', input.currentPassword);
    type('New password', input.newPassword);
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));

    expect(await screen.findByText('Password changed. Your other sessions have ended.')).toBeTruthy();
    expect((screen.getByLabelText('New password') as HTMLInputElement).value).toBe('');
  });
});

describe('ProfileSection', () => {
  const me = {
    username: 'alice',
    avatarUrl: 'http://gateway.test/files/avatars/u1?v=identicon',
    email: 'alice@example.com',
    displayName: null,
    pendingEmail: null,
    emailVerified: false,
  };

  it('shows the verification state and asks for the password only when the email changes', async () => {
    const input = { displayName: 'Alice', email: 'new@example.com', currentPassword: 'secret pass' };
    const updated = {
      __typename: 'User',
      id: 'u1',
      email: 'alice@example.com',
      displayName: 'Alice',
      pendingEmail: 'new@example.com',
      emailVerified: false,
    };
    renderWith(
      [
        {
          request: { query: UpdateProfileDocument, variables: { input } },
          result: { data: { __typename: 'Mutation', updateProfile: updated } },
        },
      ],
      <ProfileSection me={me} />,
    );
    expect(screen.getByText('Not verified yet.')).toBeTruthy();
    expect(screen.queryByLabelText('Current password')).toBeNull();
    type('Display name', 'Alice');
    type('Email', 'new@example.com');
    type('Current password', 'secret pass');
    fireEvent.click(screen.getByRole('button', { name: 'Save profile' }));

    expect(await screen.findByText('Saved. Follow the link sent to new@example.com to use it.')).toBeTruthy();
    // The address in use stays until the link is followed; the form stops asking for the password.
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('alice@example.com');
    expect(screen.queryByLabelText('Current password')).toBeNull();
  });

  it('puts a taken address beside the email field', async () => {
    const input = { displayName: '', email: 'bob@example.com', currentPassword: 'pw' };
    renderWith(
      [
        {
          request: { query: UpdateProfileDocument, variables: { input } },
          result: badInput('input.email', 'input.email: is used by another account'),
        },
      ],
      <ProfileSection me={me} />,
    );
    type('Email', 'bob@example.com');
    type('Current password', 'pw');
    fireEvent.click(screen.getByRole('button', { name: 'Save profile' }));

    expect(await screen.findByText('Email is used by another account')).toBeTruthy();
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
  });
});

describe('TwoFactorSection', () => {
  const enrolment = {
    request: { query: EnrolTotpDocument },
    result: {
      data: {
        __typename: 'Mutation',
        enrolTotp: {
          __typename: 'TotpEnrolment',
          secret: 'JBSWY3DPEHPK3PXP',
          otpauthUri: 'otpauth://totp/TRAE.AI:alice?secret=JBSWY3DPEHPK3PXP',
          qrCodeDataUrl: 'data:image/png;base64,iVBORw0KGgo=',
        },
      },
    },
  };

  it("enrols: shows the server's QR code and key, then the recovery codes once with a copy button", async () => {
    const confirmed = {
      request: { query: ConfirmTotpDocument, variables: { input: { code: '123456' } } },
      result: {
        data: {
          __typename: 'Mutation',
          confirmTotp: { __typename: 'RecoveryCodes', codes: ['aaaa-bbbb', 'cccc-dddd'] },
        },
      },
    };
    renderWith(
      [enrolment, confirmed],
      <TwoFactorSection status={{ enabled: false, recoveryCodesLeft: 0 }} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Set up two-factor' }));

    const qr = await screen.findByRole('img', { name: 'QR code for your authenticator app' });
    expect(qr.getAttribute('src')).toBe('data:image/png;base64,iVBORw0KGgo=');
    expect(screen.getByText('JBSWY3DPEHPK3PXP')).toBeTruthy();
    type('Code from the app', ' 123456 ');
    fireEvent.click(screen.getByRole('button', { name: 'Turn on two-factor' }));

    const codes = await screen.findByRole('region', { name: 'Your recovery codes' });
    expect(codes.textContent).toContain('aaaa-bbbb');
    expect(screen.getByRole('button', { name: 'Copy codes' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'I have stored it' }));
    expect(screen.queryByText(/aaaa-bbbb/)).toBeNull();
  });

  it('shows a wrong code beside the code field and keeps the enrolment open', async () => {
    const wrong = {
      request: { query: ConfirmTotpDocument, variables: { input: { code: '000000' } } },
      result: badInput('code', 'That code is not right (or was used already)'),
    };
    renderWith([enrolment, wrong], <TwoFactorSection status={{ enabled: false, recoveryCodesLeft: 0 }} />);
    fireEvent.click(screen.getByRole('button', { name: 'Set up two-factor' }));
    await screen.findByLabelText('Code from the app');
    type('Code from the app', '000000');
    fireEvent.click(screen.getByRole('button', { name: 'Turn on two-factor' }));

    expect(await screen.findByText('That code is not right (or was used already)')).toBeTruthy();
    expect(screen.getByRole('img', { name: 'QR code for your authenticator app' })).toBeTruthy();
  });

  it('offers to turn it off with a code when it is on', () => {
    renderWith([], <TwoFactorSection status={{ enabled: true, recoveryCodesLeft: 7 }} />);
    expect(screen.getByText(/7 recovery codes left/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Turn off two-factor' })).toBeTruthy();
  });
});

describe('TwoFactorSection when on', () => {
  it('shows new recovery codes once, and a wrong code beside the field it was typed in', async () => {
    const wrong = {
      request: { query: RegenerateRecoveryCodesDocument, variables: { code: '111111' } },
      result: badInput('code', 'That code is not right (or was used already)'),
    };
    const fresh = {
      request: { query: RegenerateRecoveryCodesDocument, variables: { code: '222222' } },
      result: {
        data: {
          __typename: 'Mutation',
          regenerateRecoveryCodes: { __typename: 'RecoveryCodes', codes: ['eeee-ffff'] },
        },
      },
    };
    renderWith([wrong, fresh], <TwoFactorSection status={{ enabled: true, recoveryCodesLeft: 1 }} />);
    type('Code for new recovery codes', '111111');
    fireEvent.click(screen.getByRole('button', { name: 'New recovery codes' }));

    await screen.findByText('That code is not right (or was used already)');
    expect(screen.getByLabelText('Code for new recovery codes').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Code to turn it off').getAttribute('aria-invalid')).toBeNull();
    type('Code for new recovery codes', '222222');
    fireEvent.click(screen.getByRole('button', { name: 'New recovery codes' }));

    const codes = await screen.findByRole('region', { name: 'Your recovery codes' });
    expect(codes.textContent).toContain('eeee-ffff');
    expect(screen.getByRole('button', { name: 'Copy codes' })).toBeTruthy();
  });
});

describe('ProvidersSection', () => {
  it('offers Link for a provider not linked yet and Unlink for a linked one', async () => {
    const answer = vi.fn(() => ({ data: { __typename: 'Mutation', unlinkOidcProvider: true } }));
    const unlinked = {
      request: { query: UnlinkOidcProviderDocument, variables: { provider: 'corp' } },
      result: answer,
    };
    const providers = [
      { id: 'corp', name: 'Corp SSO' },
      { id: 'google', name: 'Google' },
    ];
    const linked = [{ id: 'l1', provider: 'corp', email: 'alice@corp.test', lastUsedAt: null }];
    renderWith([unlinked], <ProvidersSection providers={providers} linked={linked} />);

    expect(screen.getByText(/linked as alice@corp\.test/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Link Google' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Link Corp SSO' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Unlink Corp SSO' }));
    await waitFor(() => expect(answer).toHaveBeenCalledOnce());
  });
});
