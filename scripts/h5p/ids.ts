import { createHash } from 'node:crypto';

/** Fixed namespace of this project's H5P sub-content ids (a random v4 UUID, chosen once). */
const NAMESPACE = Buffer.from('6b1f3c2e9d0a4e57b8c4a1d2e3f40516', 'hex');

/**
 * A name-based (version 5, RFC 4122) UUID for a sub-content seed such as an activity id. The same
 * seed gives the same id in every variant and every rebuild, so H5P hosts and xAPI reports keep
 * treating the activity as the same one.
 */
export function subContentId(seed: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(seed, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** What H5PContentValidator accepts as a subContentId. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
