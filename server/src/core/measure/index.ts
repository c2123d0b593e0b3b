/**
 * Measuring a unit from its log — the public face of core/measure/ for the
 * command line, the catalog and the editor:
 *
 *   const source = logSourceOf(unit, unitUri);          // from learning.log, or
 *   const source = { uri, columns: columnsOf(unit) };   // a log given elsewhere
 *   const result = await measureUnit(unit, source, fs); // Measurement | LogProblem
 *
 * `fs` is the host's file system (`CatalogFileSystem`: `readBytes` where the
 * host can stream, else `read`). Pure: no Node module, no editor.
 */
export { measureUnit, percentile, isMet, type Measurement, type MeasuredMetric, type MeasuredStep, type MeasuredChange } from './measure';
export { logSourceOf, columnsOf, type LogSource, type LogFileSystem } from './source';
export { isLogProblem, type LogProblem, type LogColumns, type BadRecord } from './events';
export { parseTimestamp } from './timestamp';
export { measurementText } from './text';
