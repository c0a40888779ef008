import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { resultKind } from '../src/pages/tasks/results/result-kind';
import { TaskResult } from '../src/pages/tasks/results/TaskResult';

afterEach(cleanup);

describe('task results rendered by kind', () => {
  it('renders content markdown as elements; raw HTML and javascript: links are dropped', () => {
    const body =
      '**Cheap** power.\n\n## Why solar\n\n<script>alert(1)</script><img src=x onerror="alert(2)">\n\n[x](javascript:alert(3))';
    const { container } = render(
      <TaskResult result={{ kind: 'blog_post', title: 'Solar', body, words: 3 }} />,
    );

    expect(screen.getByRole('heading', { name: 'Solar' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Why solar', level: 2 })).toBeTruthy();
    expect(container.querySelector('strong')?.textContent).toBe('Cheap');
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('a')?.getAttribute('href') ?? '').not.toMatch(/javascript/i);
  });

  it('renders a data analysis as a table of its columns', () => {
    const result = {
      rowCount: 3,
      columnCount: 2,
      columns: [
        { name: 'price', type: 'number', count: 3, missing: 0, distinct: 3, min: 1, max: 9, mean: 4.5 },
        { name: 'city', type: 'string', count: 2, missing: 1, distinct: 2, topValues: [] },
      ],
    };
    render(<TaskResult result={result} />);

    const rows = screen.getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1].textContent).toContain('price');
    expect(rows[1].textContent).toContain('4.5');
    expect(rows[2].textContent).toContain('city');
    expect(screen.getByText('3 rows, 2 columns')).toBeTruthy();
  });

  it('renders research as a report with its sources, linking only http(s) URLs', () => {
    const result = {
      pages: [
        { url: 'https://example.org/a', title: 'Page A', description: 'About A', summary: ['A is first.'] },
        { url: 'javascript:alert(1)', title: 'Bad', description: null, summary: [] },
      ],
      failed: [{ url: 'https://down.example', error: 'timeout' }],
      keywords: [{ term: 'solar', score: 1 }],
    };
    render(<TaskResult result={result} />);

    expect(screen.getByRole('link', { name: 'Page A' }).getAttribute('href')).toBe('https://example.org/a');
    expect(screen.queryByRole('link', { name: 'Bad' })).toBeNull();
    expect(screen.getByText('A is first.')).toBeTruthy();
    expect(screen.getByText(/timeout/)).toBeTruthy();
    expect(screen.getByText('Key terms:').parentElement?.textContent).toBe('Key terms: solar');
  });

  it('keeps the raw JSON one click away, and shows only JSON for a result of no known kind', () => {
    render(<TaskResult result={{ title: 'T', body: 'Hello' }} />);
    expect(screen.queryByLabelText('Raw result JSON')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Show raw JSON' }));

    expect(screen.getByLabelText('Raw result JSON').textContent).toContain('"body": "Hello"');
    cleanup();
    render(<TaskResult result={{ ok: true, echo: 'x' }} />);
    expect(resultKind({ ok: true }).kind).toBe('raw');
    expect(screen.getByLabelText('Raw result JSON').textContent).toContain('"echo": "x"');
    expect(screen.queryByRole('button')).toBeNull();
  });
});
