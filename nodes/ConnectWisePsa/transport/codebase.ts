/**
 * Which codebase (`v4_6_release`, or a cloud version like `v2025_1`) a site's API lives
 * under. Real clients ask `GET {site}/login/companyinfo/{companyId}` (its `Codebase`);
 * on-premises servers answer `v4_6_release/`, cloud sites their current version, which
 * changes when ConnectWise upgrades them. Kept per process for a few minutes so each
 * execution does not ask again; a redirect to another codebase updates it (see index.ts).
 */
import { createHttpClient, type HttpClient } from '../../shared';
import { companyInfoUrl, DEFAULT_CODEBASE, parseCodebase } from './settings';

export const CODEBASE_TTL_MS = 10 * 60_000;

const known = new Map<string, { codebase: string; until: number }>();

const keyOf = (site: string, companyId: string) => `${site.toLowerCase()}|${companyId.toLowerCase()}`;

// No credentials go to companyinfo: it answers without them.
let discoveryClient: HttpClient | undefined;
const client = () => (discoveryClient ??= createHttpClient({ service: 'connectWise', timeoutMs: 15_000, retry: { maxAttempts: 2 } }));

export function rememberCodebase(site: string, companyId: string, codebase: string, now = Date.now()): void {
	known.set(keyOf(site, companyId), { codebase, until: now + CODEBASE_TTL_MS });
}

export function forgetCodebases(): void {
	known.clear();
}

/** The site's codebase; v4_6_release when companyinfo does not say (older servers, proxies). */
export async function discoverCodebase(site: string, companyId: string, now = Date.now(), http: HttpClient = client()): Promise<string> {
	const cached = known.get(keyOf(site, companyId));
	if (cached && cached.until > now) return cached.codebase;
	let codebase = DEFAULT_CODEBASE;
	try {
		const res = await http.request<{ Codebase?: unknown }>({ method: 'GET', url: companyInfoUrl(site, companyId), action: 'find the site codebase' });
		codebase = parseCodebase(res.data?.Codebase) ?? DEFAULT_CODEBASE;
	} catch {
		// Unanswered discovery is not fatal: v4_6_release works on-premises, and a cloud
		// site redirects it to its codebase, which the client then learns.
	}
	rememberCodebase(site, companyId, codebase, now);
	return codebase;
}
