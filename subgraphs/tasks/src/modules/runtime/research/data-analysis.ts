import { parse as parseCsv } from 'csv-parse/sync';
import type { z } from 'zod';
import { type AgentContext, type AgentTask, PermanentTaskError } from '../agent.js';
import { analyzeColumns } from './column-stats.js';
import type { dataAnalysisInput } from './research.schema.js';

type Input = z.infer<typeof dataAnalysisInput>;
type Row = Record<string, unknown>;

/** Rows of a JSON document: an array of objects, or an object holding one (`{ "data": [...] }`). */
export function jsonRows(text: string): Row[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new PermanentTaskError(`the file is not valid JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(doc) && doc && typeof doc === 'object') {
    doc = Object.values(doc).find(Array.isArray) ?? [doc];
  }
  if (!Array.isArray(doc)) throw new PermanentTaskError('the JSON file holds no rows (expected an array)');
  return doc.map((item) =>
    item && typeof item === 'object' && !Array.isArray(item) ? (item as Row) : { value: item },
  );
}

export function csvRows(text: string, delimiter?: string): Row[] {
  try {
    return parseCsv(text, {
      columns: true,
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      ...(delimiter ? { delimiter } : {}),
    }) as Row[];
  } catch (err) {
    throw new PermanentTaskError(`the file is not valid CSV: ${(err as Error).message}`);
  }
}

function detectFormat(input: Input, contentType: string, name: string): 'csv' | 'json' {
  if (input.format) return input.format;
  if (/json/i.test(contentType) || /\.json$/i.test(name)) return 'json';
  if (/csv|tab-separated|text\/plain/i.test(contentType) || /\.(csv|tsv|txt)$/i.test(name)) return 'csv';
  throw new PermanentTaskError(`cannot tell the format of ${name} (${contentType}); pass input.format`);
}

export async function dataAnalysis(input: Input, task: AgentTask, ctx: AgentContext) {
  if (!task.createdBy) throw new PermanentTaskError('data_analysis needs a task creator to read files as');
  const file = await ctx.files.read(
    input.fileId,
    { userId: task.createdBy, role: task.createdByRole },
    ctx.signal,
  );
  ctx.progress(30, `read ${file.name} (${file.body.length} bytes)`);
  const format = detectFormat(input, file.contentType, file.name);
  const text = file.body.toString('utf8');
  const delimiter = input.delimiter ?? (/\.tsv$/i.test(file.name) ? '\t' : undefined);
  const rows = format === 'json' ? jsonRows(text) : csvRows(text, delimiter);
  ctx.progress(60, `parsed ${rows.length} rows`);
  const columns = analyzeColumns(rows, input.topValues);
  ctx.log('INFO', `analysed ${rows.length} rows and ${columns.length} columns of ${file.name}`);
  return {
    file: { id: input.fileId, name: file.name, contentType: file.contentType, bytes: file.body.length },
    format,
    rowCount: rows.length,
    columnCount: columns.length,
    columns,
  };
}
