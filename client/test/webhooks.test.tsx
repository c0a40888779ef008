import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SecretOnce } from '../src/components/SecretOnce';
import { ShowMore } from '../src/components/ShowMore';
import { appendPage } from '../src/lib/paging';

afterEach(cleanup);

describe('SecretOnce', () => {
  it('shows the secret with a warning that it will not be shown again, and copies it', async () => {
    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void copied.push(text) },
    });
    let done = false;
    render(
      <SecretOnce
        label="Secret of ci"
        secret="whsec_abc"
        note="Old one valid until the next rotation."
        onDone={() => {
          done = true;
        }}
      />,
    );

    fireEvent.click(screen.getByRole('button', { name: 'Copy secret' }));
    await screen.findByText('Copied to the clipboard.');
    fireEvent.click(screen.getByRole('button', { name: 'I have stored it' }));

    const region = screen.getByRole('region', { name: 'Secret of ci' });
    expect(region.textContent).toContain('you will not see it again');
    expect(region.textContent).toContain('Old one valid until the next rotation.');
    expect(copied).toEqual(['whsec_abc']);
    expect(done).toBe(true);
  });

  it('says how to copy by hand when the clipboard refuses', async () => {
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async () => Promise.reject(new Error('denied')) },
    });
    render(<SecretOnce label="Key" secret="s" onDone={() => undefined} />);

    fireEvent.click(screen.getByRole('button', { name: 'Copy secret' }));

    expect(await screen.findByText(/select the text and copy it by hand/)).toBeTruthy();
  });
});

describe('paging', () => {
  it('appends the next page after the rows shown, with the new page info and count', () => {
    const prev = { list: { edges: [{ id: 1 }], totalCount: 3, pageInfo: { hasNextPage: true } } };
    const next = { list: { edges: [{ id: 2 }, { id: 3 }], totalCount: 3, pageInfo: { hasNextPage: false } } };

    const merged = appendPage('list')(prev, { fetchMoreResult: next });

    expect(merged).toEqual({
      list: { edges: [{ id: 1 }, { id: 2 }, { id: 3 }], totalCount: 3, pageInfo: { hasNextPage: false } },
    });
  });

  it('offers "Show more" only while a next page exists, and asks for the page after the cursor', () => {
    const asked: string[] = [];
    const { rerender } = render(
      <ShowMore
        what="attempts"
        pageInfo={{ hasNextPage: true, endCursor: 'c2' }}
        onMore={(c) => asked.push(c)}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Show more attempts' }));
    rerender(
      <ShowMore
        what="attempts"
        pageInfo={{ hasNextPage: false, endCursor: 'c3' }}
        onMore={(c) => asked.push(c)}
      />,
    );

    expect(asked).toEqual(['c2']);
    expect(screen.queryByRole('button')).toBeNull();
  });
});
