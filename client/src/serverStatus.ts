/**
 * *Work Unit Studio: Show Server Status*: what `workunit/serverStatus` says
 * about the running language server — version, process, uptime, open
 * documents and memory — in words, for a modal dialog. A dialog, because the
 * question is asked once and answered at once (an output channel would mix
 * it into the server's log and leave the user to go and find it; a quick pick
 * is for choosing). Its Copy button puts the same text on the clipboard for
 * a bug report. This module is pure (no `vscode`), so the wording is tested
 * on its own.
 */
import type { ServerStatusResult } from '../../server/src/protocol';

export const SHOW_SERVER_STATUS_COMMAND = 'workunit.showServerStatus';

const MB = 1024 * 1024;

/** "45 s", "12 min 5 s", "3 h 12 min", "2 d 4 h": the two largest units. */
export function formatUptime(seconds: number): string {
  const s = Math.floor(seconds);
  const units: [number, string][] = [
    [Math.floor(s / 86400), 'd'],
    [Math.floor(s / 3600) % 24, 'h'],
    [Math.floor(s / 60) % 60, 'min'],
    [s % 60, 's'],
  ];
  const first = units.findIndex(([n]) => n > 0);
  if (first === -1) return '0 s';
  return units
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, u]) => `${n} ${u}`)
    .join(' ');
}

/** The dialog's title line and its detail lines. */
export function describeServerStatus(s: ServerStatusResult): { message: string; detail: string } {
  const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
  const documents = s.openDocuments === 1 ? '1 open document' : `${s.openDocuments} open documents`;
  return {
    message: `Work Unit language server ${s.version} is running.`,
    detail: [
      `Process ${s.pid}, up for ${formatUptime(s.uptime)}.`,
      `${documents}, ${s.analysesHeld === 1 ? '1 analysis' : `${s.analysesHeld} analyses`} held.`,
      `Memory: ${mb(s.heapUsedBytes)} JavaScript heap in use, ${mb(s.rssBytes)} resident.`,
      `Idle garbage collections: ${s.idleCollections}.`,
    ].join('\n'),
  };
}
