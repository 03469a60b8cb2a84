/** `<programme>/.wecare-cache/`: what check and build keep between runs (git-ignored; deleting it only costs time). */
import path from 'node:path';
import { keepDerivedMediaIn } from '../media/derived-cache.ts';
import { keepYamlParsesIn } from '../parse/yaml-cache.ts';

export function cachePath(root: string, ...parts: string[]): string {
  return path.join(path.resolve(root), '.wecare-cache', ...parts);
}

/**
 * From now until the returned function is called, derived media (sanitised SVG, PNG renderings)
 * and what the `yaml` library parses `content/` into are kept in the programme's cache folder.
 * The function restores where they were kept before.
 */
export function keepProgrammeCaches(root: string): () => void {
  const media = keepDerivedMediaIn(cachePath(root, 'media'));
  const yaml = keepYamlParsesIn(cachePath(root, 'yaml'));
  return () => {
    keepDerivedMediaIn(media);
    keepYamlParsesIn(yaml);
  };
}
