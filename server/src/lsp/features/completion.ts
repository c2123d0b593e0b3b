/** Completion: the core's candidates as LSP items. */
import {
  CompletionItemKind,
  InsertTextFormat,
  InsertTextMode,
  type CompletionItem,
  type Connection,
  type ServerCapabilities,
} from 'vscode-languageserver';
import { complete, type CompletionCandidate } from '../../core/completion';
import { stripSnippet } from '../../core/text/snippet';
import type { UnitDocuments } from '../unitDocuments';

export const completionCapabilities: ServerCapabilities = {
  // After `key:` and a space a value is due; `[` and `,` start list items; `-` a block item.
  completionProvider: { triggerCharacters: [':', ' ', '[', ',', '-'], resolveProvider: false },
};

const KINDS: Record<CompletionCandidate['kind'], CompletionItemKind> = {
  key: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  reference: CompletionItemKind.Reference,
  snippet: CompletionItemKind.Snippet,
  skeleton: CompletionItemKind.File,
};

export function registerCompletion(connection: Connection, units: UnitDocuments, clientSupportsSnippets: () => boolean): void {
  connection.onCompletion(({ textDocument, position }) => {
    const doc = units.get(textDocument.uri);
    if (!doc) return null;
    // The model of the last version that parsed: while typing, the text is often not valid YAML.
    const model = units.lastGood(textDocument.uri)?.unit;
    const text = doc.getText();
    const offset = doc.offsetAt(position);
    const snippets = clientSupportsSnippets();
    return complete(text, offset, model).map((c, i): CompletionItem => {
      const newText = c.isSnippet && !snippets ? stripSnippet(c.insertText) : c.insertText;
      const item: CompletionItem = {
        label: c.label,
        kind: KINDS[c.kind],
        detail: c.detail,
        documentation: c.documentation ? { kind: 'markdown', value: c.documentation } : undefined,
        sortText: c.sortText ?? String(i).padStart(4, '0'),
        filterText: c.filterText,
        textEdit: { range: { start: doc.positionAt(c.replace.start), end: doc.positionAt(c.replace.end) }, newText },
        insertTextFormat: c.isSnippet && snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        // Candidates carry their own indentation for every line.
        insertTextMode: InsertTextMode.asIs,
      };
      // A key that leaves the cursor where its value goes opens the next list at once.
      if (c.kind === 'key' && /: $/.test(newText)) item.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
      return item;
    });
  });
}
