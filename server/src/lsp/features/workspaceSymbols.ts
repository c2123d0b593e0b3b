/** `workspace/symbol`: units, actors and steps across the catalog, open or not. */
import type { Connection, ServerCapabilities, SymbolInformation } from 'vscode-languageserver';
import type { WorkspaceCatalog } from '../../core/catalog/workspaceCatalog';
import { SYMBOL_KINDS } from './navigation';

export const workspaceSymbolCapabilities: ServerCapabilities = {
  workspaceSymbolProvider: true,
};

export function registerWorkspaceSymbols(connection: Connection, catalog: WorkspaceCatalog): void {
  connection.onWorkspaceSymbol(async ({ query }, token): Promise<SymbolInformation[]> => {
    const matches = await catalog.symbols(typeof query === 'string' ? query : '', token);
    return matches.map(({ uri, symbol, unitId }) => ({
      name: symbol.name || '(unnamed)',
      kind: SYMBOL_KINDS[symbol.kind],
      location: { uri, range: symbol.range },
      // A unit is found by its title: its id goes beside it; actors and steps name their unit.
      ...((symbol.container ?? unitId) !== undefined ? { containerName: symbol.container ?? unitId } : {}),
    }));
  });
}
