import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { libraryFolder, parseLibraryString } from '../libraries.ts';
import type { SemanticsField, SemanticsSource } from './semantics.ts';

/**
 * Reads semantics.json from library folders under `dir` (`H5P.MultiChoice-1.16/semantics.json`),
 * as in `../shared/standards/h5p` or an `--h5p-libraries` folder. Results are cached.
 */
export function semanticsFromDirectory(dir: string): SemanticsSource {
  const cache = new Map<string, SemanticsField[] | undefined>();
  return (library) => {
    if (cache.has(library)) return cache.get(library);
    let fields: SemanticsField[] | undefined;
    try {
      const parsed = parseLibraryString(library);
      for (const folder of [libraryFolder(parsed), parsed.machineName]) {
        const file = path.join(dir, folder, 'semantics.json');
        if (existsSync(file)) {
          fields = JSON.parse(readFileSync(file, 'utf8')) as SemanticsField[];
          break;
        }
      }
    } catch {
      fields = undefined;
    }
    cache.set(library, fields);
    return fields;
  };
}
