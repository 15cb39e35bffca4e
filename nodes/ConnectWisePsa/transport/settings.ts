/**
 * Turns the credential's fields into what every request needs: the site, the API base
 * URL for a codebase, the auth headers and the list of secret values to redact. Pure, so
 * the site-URL rules are unit-tested without n8n.
 */
/** The codebase on-premises servers answer (and the fallback when discovery fails). */
export const DEFAULT_CODEBASE = 'v4_6_release';
/**
 * Sent as `Accept: application/vnd.connectwise.com+json; version=…`. ConnectWise's own
 * OpenAPI clients for the 2025.1 schema send 2025.1; connectwise-rest defaults to 2021.1.
 */
export const DEFAULT_API_VERSION = '2025.1';

export interface ConnectWiseCredentialData {
	siteUrl?: unknown;
	companyId?: unknown;
	publicKey?: unknown;
	privateKey?: unknown;
	clientId?: unknown;
	apiVersion?: unknown;
}

export interface ConnectWiseSettings {
	/** The site as typed, normalised: origin + path, without the codebase and API path. */
	site: string;
	companyId: string;
	headers: Record<string, string>;
	secrets: string[];
}

export class CredentialSettingsError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CredentialSettingsError';
	}
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

function parseUrl(value: string): URL | undefined {
	try {
		return new URL(value);
	} catch {
		return undefined;
	}
}

/** `api-na.myconnectwise.net`, `https://cw.example.com`, `http://127.0.0.1:3999/cw` → origin + path, no API suffix. */
export function normalizeSiteUrl(value: unknown): string {
	const raw = text(value);
	if (raw === '') throw new CredentialSettingsError('Site URL is empty: enter the API host, e.g. api-na.myconnectwise.net');
	const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
	const url = parseUrl(withScheme);
	if (!url) throw new CredentialSettingsError(`Site URL "${raw}" is not a valid host or URL`);
	if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
		throw new CredentialSettingsError(`Site URL must use https (plain http is allowed only for localhost): ${url.host}`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new CredentialSettingsError(`Site URL must be an https URL, not ${url.protocol}`);
	}
	if (url.username || url.password) throw new CredentialSettingsError('Site URL must not contain a user name or password');
	// People paste the full API URL (any codebase); keep what comes before it.
	const path = url.pathname.replace(/\/(v4_6_release|v\d{4}_\d+)(\/apis\/3\.0)?(\/.*)?$/i, '').replace(/\/+$/, '');
	return `${url.protocol}//${url.host}${path}`;
}

/** ConnectWise-hosted sites: `na.myconnectwise.net` (the web host) and `api-na.myconnectwise.net` (the API host). */
const CLOUD_HOST = /^(api-)?([a-z0-9-]+\.(?:myconnectwise\.net|connectwisedev\.com))$/i;

function withHost(site: string, host: (name: string) => string): string {
	const url = new URL(site);
	const match = CLOUD_HOST.exec(url.hostname);
	if (!match) return site;
	return `${url.protocol}//${host(match[2])}${url.port ? `:${url.port}` : ''}${url.pathname.replace(/\/+$/, '')}`;
}

/** `GET {site}/login/companyinfo/{companyId}` names the codebase; cloud answers it on the web host (no `api-`). */
export function companyInfoUrl(site: string, companyId: string): string {
	return `${withHost(site, (name) => name)}/login/companyinfo/${encodeURIComponent(companyId)}`;
}

/** `v2025_1/` → `v2025_1`; undefined for anything that is not a codebase. */
export function parseCodebase(value: unknown): string | undefined {
	const text = typeof value === 'string' ? value.trim().replace(/^\/+|\/+$/g, '') : '';
	return /^(v4_6_release|v\d{4}_\d+)$/i.test(text) ? text : undefined;
}

/**
 * The API base for a codebase. ConnectWise's developer guide: a cloud site answers a
 * versioned codebase, and then requests must go to the `api-` host; on-premises servers
 * answer v4_6_release and keep their host.
 */
export function apiBaseUrl(site: string, codebase: string): string {
	const host = codebase.toLowerCase() === DEFAULT_CODEBASE ? site : withHost(site, (name) => `api-${name}`);
	return `${host}/${codebase}/apis/3.0`;
}

export function connectWiseSettings(data: ConnectWiseCredentialData): ConnectWiseSettings {
	const site = normalizeSiteUrl(data.siteUrl);
	const companyId = text(data.companyId);
	const publicKey = text(data.publicKey);
	const privateKey = text(data.privateKey);
	const clientId = text(data.clientId);
	const apiVersion = text(data.apiVersion) || DEFAULT_API_VERSION;
	if (companyId === '') throw new CredentialSettingsError('Company ID is empty: enter the company ID you use to log in to ConnectWise PSA');
	if (publicKey === '' || privateKey === '') throw new CredentialSettingsError('Public key and private key are both required (API member keys)');
	if (clientId === '') throw new CredentialSettingsError('Client ID is missing: ConnectWise requires the clientId of your integration on every request');
	if (!/^[0-9A-Za-z.]+$/.test(apiVersion)) throw new CredentialSettingsError(`API version "${apiVersion}" is not valid (e.g. ${DEFAULT_API_VERSION})`);
	const basic = Buffer.from(`${companyId}+${publicKey}:${privateKey}`).toString('base64');
	return {
		site,
		companyId,
		headers: {
			Authorization: `Basic ${basic}`,
			clientId,
			Accept: `application/vnd.connectwise.com+json; version=${apiVersion}`,
			'Content-Type': 'application/json',
		},
		secrets: [privateKey, basic, `${companyId}+${publicKey}:${privateKey}`],
	};
}
