/**
 * Predictions as CSV, one row per predicted image: `file,predicted,<class names...>` with probabilities to
 * 6 decimals. Written the same way by the CLI (`predict --out`) and the Results view's download.
 */
import type { PredictionReport } from '../src-main/core/api/model-api.ts';

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function predictionsCsv(report: Pick<PredictionReport, 'classNames' | 'predictions'>): string {
  const lines = [['file', 'predicted', ...report.classNames].map(field).join(',')];
  for (const p of report.predictions) lines.push([field(p.file), field(report.classNames[p.predicted] ?? String(p.predicted)), ...p.probabilities.map((v) => v.toFixed(6))].join(','));
  return lines.join('\n') + '\n';
}
