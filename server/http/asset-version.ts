/** The version of the files under public/, carried by every asset URL of the pages (`/assets/site.css?v=…`). */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A short hash of every file's name and content: a release that changes an asset changes its URL, so a proxy
 * may let browsers keep versioned assets for a year (deploy/nginx-site.conf) and none ever runs stale code.
 */
export function assetVersion(dir: string): string {
  const hash = createHash('sha256');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile()).sort();
  for (const file of files) hash.update(file).update('\0').update(readFileSync(join(dir, file))).update('\0');
  return hash.digest('hex').slice(0, 10);
}
