/** Completion: the core's candidates as LSP items, shaped to what the client declared. */
import {
  CompletionItemKind,
  InsertTextFormat,
  InsertTextMode,
  type CompletionItem,
  type Connection,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
import { complete, type CompletionCandidate } from '../../core/completion';
import { markdownToPlainText } from '../../core/text/markdown';
import { stripSnippet } from '../../core/text/snippet';
import { fitCompletionKind } from '../clientSupport';
import { errorLog, guardRequest } from '../guard';
import type { SupportOf } from '../server';
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

export function registerCompletion(connection: Connection, units: UnitDocuments, supportOf: SupportOf): void {
  connection.onCompletion(
    guardRequest(errorLog(connection), 'textDocument/completion', ({ textDocument, position }) => {
      const doc = units.get(textDocument.uri);
      if (!doc) return null;
      // The model of the last version that parsed: while typing, the text is often not valid YAML.
      const model = units.lastGood(textDocument.uri)?.unit;
      const text = doc.getText();
      const offset = doc.offsetAt(position);
      const support = supportOf();
      const snippets = support.completionSnippets;
      return complete(text, offset, model).map((c, i): CompletionItem => {
        const newText = c.isSnippet && !snippets ? stripSnippet(c.insertText) : c.insertText;
        const item: CompletionItem = {
          label: c.label,
          kind: fitCompletionKind(KINDS[c.kind], support.completionKinds),
          detail: c.detail,
          sortText: c.sortText ?? String(i).padStart(4, '0'),
          filterText: c.filterText,
          textEdit: { range: { start: doc.positionAt(c.replace.start), end: doc.positionAt(c.replace.end) }, newText },
          insertTextFormat: c.isSnippet && snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        };
        if (c.documentation) item.documentation = support.completionMarkdown ? { kind: 'markdown', value: c.documentation } : markdownToPlainText(c.documentation);
        // Candidates carry their own indentation for every line.
        if (support.completionInsertTextModeAsIs) item.insertTextMode = InsertTextMode.asIs;
        // A key that leaves the cursor where its value goes opens the next list at once.
        if (c.kind === 'key' && /: $/.test(newText)) item.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
        return item;
      });
    }),
  );
}
