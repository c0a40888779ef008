import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Sparkline } from '../src/components/charts/Sparkline';
import { VirtualList } from '../src/components/VirtualList';
import { makeFragmentData } from '../src/gql';
import type { LogRow_LineFragment } from '../src/gql/graphql';
import { formatStep, sumSeries } from '../src/monitoring/useSeries';
import { LogRow, LogRow_line } from '../src/pages/logs/LogRow';
import { filtersFrom, matches, paramsOf, queryVariables } from '../src/pages/logs/log-filters';

afterEach(cleanup);

const line = (over: Partial<LogRow_LineFragment> = {}): LogRow_LineFragment => ({
  __typename: 'LogEntry',
  id: '1',
  time: '2026-12-04T02:00:00.000Z',
  service: 'gateway',
  level: 'INFO',
  message: 'request',
  requestId: 'req-1',
  userId: 'u1',
  context: { method: 'POST', url: '/graphql?op=RunTask', status: 200, ms: 12 },
  ...over,
});

describe('log explorer filters', () => {
  it('reads filters from the URL and writes back only those set', () => {
    const f = filtersFrom(new URLSearchParams('requestId=req-1&level=BOGUS&status=500'));
    expect(f).toMatchObject({ requestId: 'req-1', level: '', status: '500', service: '' });
    expect(paramsOf(f)).toEqual({ requestId: 'req-1', status: '500' });
  });

  it('turns them into the logs query’s variables, a relative range into a start time', () => {
    const now = Date.parse('2026-12-04T02:00:00Z');
    const v = queryVariables(
      { ...filtersFrom(new URLSearchParams('status=404&range=15m&route= /files ')) },
      now,
    );
    expect(v).toMatchObject({ status: 404, route: '/files', from: '2026-12-04T01:45:00.000Z' });
    expect(queryVariables(filtersFrom(new URLSearchParams('status=abc'))).status).toBeUndefined();
  });

  it('lets through a live line only when the server would have served it', () => {
    const f = (q: string) => filtersFrom(new URLSearchParams(q));
    expect(matches(line(), f(''))).toBe(true);
    expect(matches(line(), f('level=WARN'))).toBe(false);
    expect(matches(line({ level: 'ERROR' }), f('level=WARN'))).toBe(true);
    expect(matches(line(), f('requestId=req-2'))).toBe(false);
    expect(matches(line(), f('status=200&route=/graphql'))).toBe(true);
    expect(matches(line(), f('route=graphql'))).toBe(false);
    expect(matches(line(), f('search=runtask'))).toBe(true);
    expect(matches(line(), f('userId=u2'))).toBe(false);
  });
});

describe('chart helpers', () => {
  it('adds up every worker’s series point by point and says the step', () => {
    const total = sumSeries(
      [
        {
          id: 'tasks-worker',
          points: [
            { time: 'a', value: 2 },
            { time: 'b', value: 1 },
          ],
        },
        { id: 'tasks-worker-2', points: [{ time: 'b', value: 3 }] },
      ],
      'succeeded',
    );
    expect(total).toEqual({
      id: 'succeeded',
      points: [
        { time: 'a', value: 2 },
        { time: 'b', value: 4 },
      ],
    });
    expect([formatStep(30), formatStep(120), formatStep(7200)]).toEqual(['30 s', '2 min', '2 h']);
  });

  it('draws a sparkline with its figures for screen readers', () => {
    render(<Sparkline values={[0, 3, 1]} label="Per hour" />);
    expect(screen.getByRole('img', { name: 'Per hour: 4 in all, at most 3 in one' })).toBeTruthy();
  });
});

describe('log rows', () => {
  it('open to every field of context and follow a request id', () => {
    const followed: string[] = [];
    const { rerender } = render(
      <LogRow
        line={makeFragmentData(line(), LogRow_line)}
        expanded={false}
        onToggle={() => undefined}
        onFilter={(f, v) => followed.push(`${f}=${v}`)}
      />,
    );
    expect(screen.getByRole('button', { expanded: false }).textContent).toContain(
      'POST /graphql?op=RunTask 200 12 ms',
    );
    fireEvent.click(screen.getByTitle('Follow request req-1 across every service'));
    expect(followed).toEqual(['requestId=req-1']);
    rerender(
      <LogRow
        line={makeFragmentData(line(), LogRow_line)}
        expanded
        onToggle={() => undefined}
        onFilter={(f, v) => followed.push(`${f}=${v}`)}
      />,
    );
    const terms = [...document.querySelectorAll('.log-details dt')].map((dt) => dt.textContent);
    expect(terms).toEqual(['time', 'service', 'request id', 'user', 'method', 'url', 'status', 'ms']);
    fireEvent.click(screen.getByRole('button', { name: '200' }));
    expect(followed).toEqual(['requestId=req-1', 'status=200']);
  });

  it('move the rows below an open one down by its extra height', () => {
    const items = ['a', 'b', 'c'];
    render(
      <VirtualList
        items={items}
        rowHeight={32}
        label="rows"
        getKey={(k) => k}
        expandedKey="a"
        expandedHeight={100}
        renderRow={(k, open) => `${k}${open ? ' open' : ''}`}
      />,
    );
    const rows = [...document.querySelectorAll<HTMLElement>('.vlist-row')];
    expect(rows.map((r) => [r.textContent, r.style.transform, r.style.height])).toEqual([
      ['a open', 'translateY(0px)', '132px'],
      ['b', 'translateY(132px)', '32px'],
      ['c', 'translateY(164px)', '32px'],
    ]);
  });
});
