/** Hover over a unit model: key docs from the schema, summaries of what ids and references name. */
export { hover, type HoverResult } from './hover';
export { keyDoc, keysAt, type KeyDoc } from './schemaDocs';
export { actorSummary, exceptionSummary, metricSummary, stepSummary } from './summaries';
