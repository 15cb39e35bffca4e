import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import path from 'path';

import { findRepoRoot } from './support/repoRoot';

/** The repository root: where package.json and the built dist/ live. */
export const REPO_ROOT = findRepoRoot(__dirname);

/** The package the tests install: the repository, or E2E_PACKAGE_ROOT (e.g. an unpacked release). */
export function packageRootUnderTest(): string {
	return process.env.E2E_PACKAGE_ROOT ? path.resolve(process.env.E2E_PACKAGE_ROOT) : REPO_ROOT;
}

interface PackageJson {
	name: string;
	version: string;
	dependencies?: Record<string, string>;
	devDependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	optionalDependencies?: Record<string, string>;
	n8n?: { nodes?: string[]; credentials?: string[] };
}

function readJson<T>(file: string): T {
	return JSON.parse(readFileSync(file, 'utf8')) as T;
}

function npm(args: string[], cwd: string): string {
	return execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function lowerFirst(text: string): string {
	return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * Type names n8n gives the package's nodes and credentials once installed: nodes are
 * `<package>.<nodeName>`, credentials keep their own name (by convention the file's class name).
 */
export function declaredTypes(packageRoot = packageRootUnderTest()): { nodes: string[]; credentials: string[] } {
	const manifest = readJson<PackageJson>(path.join(packageRoot, 'package.json'));
	const base = (file: string, suffix: string): string => lowerFirst(path.basename(file, suffix));
	return {
		nodes: (manifest.n8n?.nodes ?? []).map((file) => `${manifest.name}.${base(file, '.node.js')}`),
		credentials: (manifest.n8n?.credentials ?? []).map((file) => base(file, '.credentials.js')),
	};
}

/** `npm pack` of the built package: exactly the files a user downloads from the registry. */
export function packBuiltPackage(packageRoot: string, destination: string): string {
	const manifest = readJson<PackageJson>(path.join(packageRoot, 'package.json'));
	const declared = [...(manifest.n8n?.nodes ?? []), ...(manifest.n8n?.credentials ?? [])];
	const missing = declared.filter((file) => !existsSync(path.join(packageRoot, file)));
	if (missing.length > 0) {
		// n8n refuses the whole package when one declared file is missing, as a user's install would.
		throw new Error(`run \`npm run build\` first; not built: ${missing.join(', ')}`);
	}
	mkdirSync(destination, { recursive: true });
	const output = npm(['pack', '--json', '--pack-destination', destination], packageRoot);
	const [packed] = JSON.parse(output) as Array<{ filename: string }>;
	return path.join(destination, packed.filename);
}

/**
 * Installs a packed tarball into `<userFolder>/.n8n/nodes` the way n8n 2.41's Community Nodes
 * install does (CommunityPackagesService.downloadPackage): unpack, drop dev/peer/optional
 * dependencies from package.json, `npm install` the rest inside the package folder, and record
 * the package in the folder's package.json. Peer `n8n-workflow` then resolves to n8n's own copy.
 */
export function installCommunityPackage(tarball: string, userFolder: string): { packageDir: string; name: string } {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const unpackDir = path.join(nodesDir, '.unpack');
	mkdirSync(unpackDir, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', unpackDir, '--strip-components=1']);
	const manifestPath = path.join(unpackDir, 'package.json');
	const manifest = readJson<PackageJson>(manifestPath);
	delete manifest.devDependencies;
	delete manifest.peerDependencies;
	delete manifest.optionalDependencies;
	writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));

	const packageDir = path.join(nodesDir, 'node_modules', manifest.name);
	mkdirSync(path.dirname(packageDir), { recursive: true });
	rmSync(packageDir, { recursive: true, force: true });
	execFileSync('mv', [unpackDir, packageDir]);
	npm(
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
			// Same result as n8n's install; only skips re-checking the registry for cached packages.
			'--prefer-offline',
		],
		packageDir,
	);
	writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [manifest.name]: manifest.version } }, null, 2),
	);
	verifyInstall(packageDir, manifest);
	return { packageDir, name: manifest.name };
}

/** Fails loudly when the install would not behave like a user's. */
function verifyInstall(packageDir: string, manifest: PackageJson): void {
	if (existsSync(path.join(packageDir, 'node_modules', 'n8n-workflow'))) {
		throw new Error('the installed package has its own node_modules/n8n-workflow: it must use n8n\'s copy');
	}
	for (const dependency of Object.keys(manifest.dependencies ?? {})) {
		if (!existsSync(path.join(packageDir, 'node_modules', dependency, 'package.json'))) {
			throw new Error(`runtime dependency ${dependency} is not installed in ${packageDir}`);
		}
	}
}
