/** `workspace/symbol`: units, actors and steps across the catalog, open or not. */
import type { Connection, ServerCapabilities, SymbolInformation } from 'vscode-languageserver/node';
import type { WorkspaceCatalog } from '../catalog';
import { fitSymbolKind } from '../clientSupport';
import { errorLog, guardRequest } from '../guard';
import type { SupportOf } from '../server';
import { SYMBOL_KINDS } from './navigation';

export const workspaceSymbolCapabilities: ServerCapabilities = {
  workspaceSymbolProvider: true,
};

export function registerWorkspaceSymbols(connection: Connection, catalog: WorkspaceCatalog, supportOf: SupportOf): void {
  connection.onWorkspaceSymbol(guardRequest(errorLog(connection), 'workspace/symbol', async ({ query }, token): Promise<SymbolInformation[]> => {
    const matches = await catalog.symbols(query, token);
    const kinds = supportOf().workspaceSymbolKinds;
    return matches.map(({ uri, symbol, unitId }) => ({
      name: symbol.name || '(unnamed)',
      kind: fitSymbolKind(SYMBOL_KINDS[symbol.kind], kinds),
      location: { uri, range: symbol.range },
      // A unit is found by its title: its id goes beside it; actors and steps name their unit.
      ...((symbol.container ?? unitId) !== undefined ? { containerName: symbol.container ?? unitId } : {}),
    }));
  }));
}
