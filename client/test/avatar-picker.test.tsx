import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AVATAR_MAX_BYTES, AvatarPicker, avatarProblem } from '../src/pages/account/AvatarPicker';
import {
  CreateAvatarUploadDocument,
  RemoveAvatarDocument,
  SetAvatarDocument,
} from '../src/pages/account/account.operations';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const AVATAR = 'http://gateway.test/files/avatars/u1?v=identicon';
const user = (avatarUrl: string) => ({ __typename: 'User', id: 'u1', avatarUrl });

function renderPicker(mocks: unknown[]) {
  render(
    <MockedProvider mocks={mocks as []}>
      <AvatarPicker avatarUrl={AVATAR} name="Alice" />
    </MockedProvider>,
  );
  return screen.getByLabelText('Avatar image') as HTMLInputElement;
}

const pick = (input: HTMLInputElement, file: File) => fireEvent.change(input, { target: { files: [file] } });

/** The browser's upload transport, answering 201 and recording what was sent where. */
function fakeUploads() {
  const sent: { method: string; url: string; type: string | null; size: number }[] = [];
  class Upload {
    upload: { onprogress?: (e: { lengthComputable: boolean; loaded: number; total: number }) => void } = {};
    status = 0;
    responseText = '';
    onload?: () => void;
    onerror?: () => void;
    onabort?: () => void;
    private request = { method: '', url: '', type: null as string | null };
    open(method: string, url: string) {
      Object.assign(this.request, { method, url });
    }
    setRequestHeader(name: string, value: string) {
      if (name === 'content-type') this.request.type = value;
    }
    send(body: Blob) {
      sent.push({ ...this.request, size: body.size });
      this.status = 201;
      queueMicrotask(() => this.onload?.());
    }
    abort() {}
  }
  vi.stubGlobal('XMLHttpRequest', Upload);
  return sent;
}

describe('AvatarPicker', () => {
  it('refuses what the files service would refuse before sending anything', async () => {
    expect(avatarProblem({ type: 'image/svg+xml', size: 10 })).toMatch(/PNG, JPEG, GIF or WebP/);
    expect(avatarProblem({ type: 'image/png', size: AVATAR_MAX_BYTES + 1 })).toMatch(/at most/);
    expect(avatarProblem({ type: 'image/webp', size: AVATAR_MAX_BYTES })).toBeNull();
    const sent = fakeUploads();
    const input = renderPicker([]);

    pick(input, new File(['<svg/>'], 'face.svg', { type: 'image/svg+xml' }));

    expect(await screen.findByText(/Pick a PNG, JPEG, GIF or WebP image/)).toBeTruthy();
    expect(sent).toHaveLength(0);
  });

  it('uploads the image through its ticket, then makes it the avatar', async () => {
    const sent = fakeUploads();
    const file = new File([new Uint8Array(2048)], 'me.png', { type: 'image/png' });
    const input = renderPicker([
      {
        request: {
          query: CreateAvatarUploadDocument,
          variables: { input: { filename: 'me.png', contentType: 'image/png', size: 2048 } },
        },
        result: {
          data: {
            __typename: 'Mutation',
            createUpload: {
              __typename: 'UploadTicket',
              file: { __typename: 'File', id: 'f1' },
              uploadUrl: 'http://gateway.test/files/uploads/f1?sig=abc',
            },
          },
        },
      },
      {
        request: { query: SetAvatarDocument, variables: { fileId: 'f1' } },
        result: {
          data: { __typename: 'Mutation', setAvatar: user('http://gateway.test/files/avatars/u1?v=f1') },
        },
      },
    ]);
    expect((screen.getByAltText('Avatar of Alice') as HTMLImageElement).getAttribute('src')).toBe(
      '/files/avatars/u1?v=identicon',
    );

    pick(input, file);

    expect(await screen.findByText('Avatar updated.')).toBeTruthy();
    // The bytes went to the gateway origin the page is on, with the declared type.
    expect(sent).toEqual([
      { method: 'PUT', url: '/files/uploads/f1?sig=abc', type: 'image/png', size: 2048 },
    ]);
  });

  it('shows the server refusal when the image is not accepted', async () => {
    fakeUploads();
    const input = renderPicker([
      {
        request: {
          query: CreateAvatarUploadDocument,
          variables: { input: { filename: 'me.png', contentType: 'image/png', size: 4 } },
        },
        result: {
          errors: [{ message: 'Your storage quota is full', extensions: { code: 'CONFLICT' } }],
        },
      },
    ]);

    pick(input, new File(['abcd'], 'me.png', { type: 'image/png' }));

    expect(await screen.findByText(/Your storage quota is full/)).toBeTruthy();
  });

  it('goes back to the generated avatar on request', async () => {
    renderPicker([
      {
        request: { query: RemoveAvatarDocument },
        result: { data: { __typename: 'Mutation', removeAvatar: user(AVATAR) } },
      },
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Use the generated one' }));

    expect(await screen.findByText('Avatar removed.')).toBeTruthy();
  });
});
