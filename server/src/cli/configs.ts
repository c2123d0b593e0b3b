/**
 * The command line's view of the host: its config lookup (format 1.1: the nearest `workunit.config.yaml`, no
 * higher than the current folder when the file lies below it, else no higher than the file's own folder), and
 * file names as a person typed them, relative to the current folder.
 */
import { isAbsolute, relative } from 'node:path';
import type { CatalogFileSystem } from '../core/catalog/fileSystem';
import { ConfigLookup } from '../core/config/configLookup';
import { nodeFileSystem, pathOf, uriOfPath } from '../host/node/fileSystem';

export function cliConfigLookup(note: (message: string) => void, cwd: string = process.cwd()): ConfigLookup {
  const here = uriOfPath(cwd);
  return new ConfigLookup(nodeFileSystem, note, () => [here], 'own-folder');
}

/** The host file system as the command line names files: relative to the current folder where they lie below it. */
export function cliFileSystem(cwd: string = process.cwd()): CatalogFileSystem {
  return {
    ...nodeFileSystem,
    display: (uri: string) => {
      const path = pathOf(uri);
      const rel = relative(cwd, path);
      return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
    },
  };
}
