/**
 * The command line's config lookup (format 1.1): the nearest `workunit.config.yaml`, no higher than the current
 * folder when the file lies below it, else no higher than the file's own folder.
 */
import { ConfigLookup } from '../core/config/configLookup';
import { nodeFileSystem, uriOfPath } from '../host/node/fileSystem';

export function cliConfigLookup(note: (message: string) => void, cwd: string = process.cwd()): ConfigLookup {
  const here = uriOfPath(cwd);
  return new ConfigLookup(nodeFileSystem, note, () => [here], 'own-folder');
}
