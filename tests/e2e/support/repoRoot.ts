import { existsSync } from 'fs';
import path from 'path';

/**
 * The repository root: the nearest folder above `from` holding a package.json. Found by walking
 * up so the helpers work both from the sources (ts-jest) and compiled into `.build/` (the demo).
 */
export function findRepoRoot(from: string): string {
	for (let dir = from; ; dir = path.dirname(dir)) {
		if (existsSync(path.join(dir, 'package.json'))) return dir;
		if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
	}
}
