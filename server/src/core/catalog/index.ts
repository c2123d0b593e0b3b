/**
 * The catalog: what a folder of units adds up to. `workspace.ts` is the
 * editor's incremental index (summaries, catalog findings per file,
 * workspace symbols); the report modules describe a whole catalog.
 */
export { CatalogIndex, catalogSymbols, summarizeText, summarizeUnit, type CatalogSymbol, type CatalogSymbolKind, type SymbolMatch, type UnitSummary } from './workspace';
