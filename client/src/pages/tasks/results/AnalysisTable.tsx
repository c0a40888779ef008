import { TableScroll } from '../../../components/TableScroll';
import type { ColumnRow } from './result-kind';

const show = (v: number | string | undefined) =>
  v === undefined
    ? '—'
    : typeof v === 'number'
      ? v.toLocaleString(undefined, { maximumFractionDigits: 3 })
      : v;

/** A data analysis: one row per column of the file, with its type and statistics. */
export function AnalysisTable({ rowCount, columns }: { rowCount: number | null; columns: ColumnRow[] }) {
  return (
    <>
      {rowCount !== null && (
        <p className="muted">
          {rowCount.toLocaleString()} rows, {columns.length} columns
        </p>
      )}
      <TableScroll label="Columns of the analysed file">
        <table>
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Type</th>
              <th scope="col">Values</th>
              <th scope="col">Missing</th>
              <th scope="col">Distinct</th>
              <th scope="col">Min</th>
              <th scope="col">Max</th>
              <th scope="col">Mean</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((c) => (
              <tr key={c.name}>
                <th scope="row">{c.name}</th>
                <td>{c.type}</td>
                <td>{show(c.count)}</td>
                <td>{show(c.missing)}</td>
                <td>{show(c.distinct)}</td>
                <td>{show(c.min)}</td>
                <td>{show(c.max)}</td>
                <td>{show(c.mean)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
