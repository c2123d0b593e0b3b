/** `workunit/importBpmn`: the BPMN import of the command line, for the editor's *Import BPMN…* command. */
import type { Connection } from 'vscode-languageserver/node';
import { IMPORT_BPMN_REQUEST, type ImportBpmnParams, type ImportBpmnResult } from '../../protocol';
import { fourElementTest, importBpmn, importSummary } from '../../core/bpmn/import';

export function registerImportBpmn(connection: Connection): void {
  connection.onRequest(IMPORT_BPMN_REQUEST, async (params: ImportBpmnParams): Promise<ImportBpmnResult> => {
    const result = await importBpmn(params.text, params.fileName);
    if ('error' in result) return { units: [], notes: [], error: result.error };
    return {
      units: result.units.map((u) => ({ id: u.id, text: u.text, summary: importSummary(u), test: fourElementTest(u) })),
      notes: result.notes,
    };
  });
}
