import { ApolloClient, ApolloLink, gql } from '@apollo/client';
import { ApolloProvider, useQuery } from '@apollo/client/react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { Observable } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addToConnections } from '../src/apollo/cache-updates';
import { createCache } from '../src/apollo/client';
import { markSilenced, SilencesPanelQuery } from '../src/pages/alerts/SilencesPanel';
import { ChannelCard_channel } from '../src/pages/channels/ChannelCard';
import { ChannelPageQuery } from '../src/pages/channels/ChannelPage';
import { ChannelsPageQuery } from '../src/pages/channels/ChannelsPage';
import { MembersPanel } from '../src/pages/channels/MembersPanel';
import { FileCard } from '../src/pages/files/FileCard';
import { FilesPageQuery } from '../src/pages/files/FilesPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** One normalized object as the cache holds it. */
const stored = (client: ApolloClient, id: string) =>
  (client.cache.extract() as Record<string, Record<string, unknown> | undefined>)[id];

/**
 * The app's real cache behind a link that answers the named operations and records every one it is
 * asked, so a test sees both what the page shows and that nothing was fetched again.
 */
function clientAnswering(answers: Record<string, Record<string, unknown>>) {
  const asked: string[] = [];
  const link = new ApolloLink(
    (operation) =>
      new Observable((observer) => {
        asked.push(operation.operationName ?? '');
        const answer = answers[operation.operationName ?? ''];
        const root = operation.operationType === 'mutation' ? 'Mutation' : 'Query';
        if (answer) observer.next({ data: { __typename: root, ...answer } });
        else observer.error(new Error(`unexpected ${operation.operationName}`));
        observer.complete();
      }),
  );
  return { client: new ApolloClient({ cache: createCache(), link }), asked };
}

const member = (id: string, username: string, role = 'EDITOR') => ({
  __typename: 'ChannelMemberEdge',
  node: { __typename: 'ChannelMember', id: `m-${id}`, role, user: { __typename: 'User', id, username } },
});

const channel = (members: ReturnType<typeof member>[]) => ({
  __typename: 'Channel',
  id: 'c1',
  name: 'Blog',
  slug: 'blog',
  platform: 'BLOG',
  description: null,
  status: 'ACTIVE',
  viewerRole: 'OWNER',
  owner: { __typename: 'User', id: 'ada', username: 'ada' },
  settings: {
    __typename: 'ChannelSettings',
    tone: null,
    audience: null,
    language: null,
    hashtags: [],
    postingSchedule: null,
  },
  members: { __typename: 'ChannelMemberConnection', totalCount: members.length, edges: members },
  contentItems: { __typename: 'ContentItemConnection', totalCount: 0, edges: [] },
});

function ChannelMembers() {
  const { data } = useQuery(ChannelPageQuery, { variables: { id: 'c1' }, fetchPolicy: 'cache-only' });
  return data?.channel ? <MembersPanel channel={data.channel} canManage /> : null;
}

describe('MembersPanel updates the cache, not a refetch', () => {
  it('drops a removed member and adds one by username from the mutation answers alone', async () => {
    const { client, asked } = clientAnswering({
      RemoveChannelMember: { removeChannelMember: true },
      UserByUsername: { userByUsername: { __typename: 'User', id: 'cy', username: 'cy' } },
      AddChannelMember: {
        addChannelMember: {
          __typename: 'ChannelMember',
          id: 'm-cy',
          channel: {
            ...channel([member('ada', 'ada', 'OWNER'), member('cy', 'cy')]),
            members: {
              __typename: 'ChannelMemberConnection',
              totalCount: 2,
              edges: [member('ada', 'ada', 'OWNER'), member('cy', 'cy')],
            },
          },
        },
      },
    });
    client.writeQuery({
      query: ChannelPageQuery,
      variables: { id: 'c1' },
      data: {
        __typename: 'Query',
        channel: channel([member('ada', 'ada', 'OWNER'), member('bob', 'bob')]),
      } as never,
    });
    render(
      <ApolloProvider client={client}>
        <ChannelMembers />
      </ApolloProvider>,
    );
    expect(screen.getByRole('heading', { name: 'Members (2)' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Remove bob' }));
    await screen.findByRole('heading', { name: 'Members (1)' });
    expect(screen.queryByText('bob')).toBeNull();
    expect(stored(client, 'ChannelMember:m-bob')).toBeUndefined();

    fireEvent.change(screen.getByLabelText('Username'), { target: { value: 'cy' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add member' }));
    await screen.findByRole('heading', { name: 'Members (2)' });
    expect(screen.getByRole('button', { name: 'Remove cy' })).toBeTruthy();
    expect(asked).toEqual(['RemoveChannelMember', 'UserByUsername', 'AddChannelMember']);
  });
});

const file = (id: string, size: number) => ({
  __typename: 'File',
  id,
  filename: `${id}.txt`,
  contentType: 'text/plain',
  size,
  status: 'READY',
  createdAt: '2026-12-01T00:00:00.000Z',
  downloadUrl: `/files/${id}`,
  channel: null,
});

function FileList() {
  const { data } = useQuery(FilesPageQuery, { variables: { first: 50 }, fetchPolicy: 'cache-only' });
  if (!data) return null;
  return (
    <>
      <p>
        {data.storageUsage.fileCount} files, {data.storageUsage.usedBytes} bytes, {data.files.totalCount}{' '}
        listed
      </p>
      <ul>
        {data.files.edges.map((e) => (
          <FileCard key={e.node.id} file={e.node} />
        ))}
      </ul>
    </>
  );
}

describe('FileCard delete updates the cache, not a refetch', () => {
  it('takes the file out of the list and its bytes out of the usage', async () => {
    vi.stubGlobal('confirm', () => true);
    const { client, asked } = clientAnswering({ DeleteFile: { deleteFile: true } });
    client.writeQuery({
      query: FilesPageQuery,
      variables: { first: 50 },
      data: {
        __typename: 'Query',
        files: {
          __typename: 'FileConnection',
          totalCount: 2,
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
          edges: [
            { __typename: 'FileEdge', node: file('a', 100) },
            { __typename: 'FileEdge', node: file('b', 250) },
          ],
        },
        storageUsage: {
          __typename: 'StorageUsage',
          usedBytes: 350,
          quotaBytes: 1000,
          maxFileBytes: 500,
          fileCount: 2,
          allowedTypes: [],
        },
        me: { __typename: 'User', id: 'ada', avatarUrl: '/avatar' },
      } as never,
    });
    render(
      <ApolloProvider client={client}>
        <MemoryRouter>
          <FileList />
        </MemoryRouter>
      </ApolloProvider>,
    );
    expect(screen.getByText('2 files, 350 bytes, 2 listed')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Delete b.txt' }));

    await screen.findByText('1 files, 100 bytes, 1 listed');
    expect(screen.queryByText('b.txt')).toBeNull();
    expect(asked).toEqual(['DeleteFile']);
  });
});

describe('addToConnections', () => {
  const page = (ids: string[]) => ({
    channels: {
      __typename: 'ChannelConnection',
      totalCount: ids.length,
      pageInfo: { __typename: 'PageInfo', hasNextPage: true, endCursor: 'x' },
      edges: ids.map((id) => ({
        __typename: 'ChannelEdge',
        node: { ...channel([]), id, name: id, nextPostAt: null },
      })),
    },
  });

  it('heads the lists the new node belongs to, leaves the others, and drops the ones it cannot judge', () => {
    const { client } = clientAnswering({});
    const write = (variables: Record<string, unknown>, ids: string[]) =>
      client.writeQuery({
        query: ChannelsPageQuery,
        variables,
        data: { __typename: 'Query', ...page(ids) } as never,
      });
    const ids = (variables: Record<string, unknown>) =>
      client.readQuery({ query: ChannelsPageQuery, variables })?.channels.edges.map((e) => e.node.id) ?? null;
    write({ first: 50 }, ['old']);
    write({ first: 50, status: 'ARCHIVED' }, ['gone']);
    write({ first: 50, search: 'blo' }, ['old']);
    write({ first: 50, after: 'x' }, ['older']);
    client.cache.writeFragment({
      fragment: ChannelCard_channel,
      data: { ...channel([]), id: 'new', name: 'new', nextPostAt: null } as never,
    });

    addToConnections(client.cache, {
      fieldName: 'channels',
      node: { __ref: 'Channel:new' },
      edgeTypename: 'ChannelEdge',
      belongs: (args) => (args.search ? undefined : !args.status || args.status === 'ACTIVE'),
    });

    expect(ids({ first: 50 })).toEqual(['new', 'old']);
    expect(
      client.readQuery({ query: ChannelsPageQuery, variables: { first: 50 } })?.channels.totalCount,
    ).toBe(2);
    expect(ids({ first: 50, status: 'ARCHIVED' })).toEqual(['gone']);
    expect(ids({ first: 50, search: 'blo' })).toBeNull();
    expect(ids({ first: 50, after: 'x' })).toEqual(['older']);
  });
});

describe('markSilenced', () => {
  it('gives each rule the end of the latest silence in force on it, or on every rule, and clears it when none is', () => {
    const { client } = clientAnswering({});
    const rule = (id: string) => ({ __typename: 'AlertRule', id, silencedUntil: '2026-01-01T00:00:00.000Z' });
    for (const id of ['r1', 'r2', 'r3'])
      client.cache.writeFragment({
        fragment: gql`fragment Silenced on AlertRule { id silencedUntil }`,
        data: rule(id),
      });
    const silence = (id: string, ruleId: string | null, endsAt: string, active = true) => ({
      __typename: 'AlertSilence',
      id,
      ruleId,
      reason: 'deploy',
      startsAt: '2026-12-04T00:00:00.000Z',
      endsAt,
      active,
    });
    client.cache.writeQuery({
      query: SilencesPanelQuery,
      data: {
        __typename: 'Query',
        alertSilences: [
          silence('s1', 'r1', '2026-12-04T05:00:00.000Z'),
          silence('s2', null, '2026-12-04T03:00:00.000Z'),
          silence('s3', 'r2', '2026-12-09T00:00:00.000Z', false),
        ],
      } as never,
    });

    markSilenced(client.cache, [
      { id: 'r1', name: 'one' },
      { id: 'r2', name: 'two' },
    ]);
    client.cache.modify({ id: 'AlertSilence:s2', fields: { active: () => false } });
    markSilenced(client.cache, [{ id: 'r3', name: 'three' }]);

    const until = (id: string) => stored(client, `AlertRule:${id}`)?.silencedUntil;
    expect(until('r1')).toBe('2026-12-04T05:00:00.000Z');
    expect(until('r2')).toBe('2026-12-04T03:00:00.000Z');
    expect(until('r3')).toBeNull();
  });
});
