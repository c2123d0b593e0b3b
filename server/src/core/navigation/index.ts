/** Navigation over a unit model: outline, definition, references, highlights, rename, the four-element lens. */
export { locate, occurrences, sameSymbol, type Located, type Occurrence, type SymbolKind } from './locate';
export { documentSymbols, type UnitSymbol, type UnitSymbolKind } from './symbols';
export { definition, highlights, references, type Highlight } from './references';
export { prepareRename, rename, type PrepareRenameResult, type RenameResult, type TextEdit } from './rename';
export { elementStatus, statusLabel, ELEMENT_NAMES, type ElementName, type ElementState, type ElementStatus } from './elements';
