/**
 * Turns the credential's fields into what every request needs: the API base URL, the
 * auth headers and the list of secret values to redact. Pure, so the site-URL rules
 * are unit-tested without n8n.
 */
export const API_PATH = '/v4_6_release/apis/3.0';
export const DEFAULT_API_VERSION = '2025.16';

export interface ConnectWiseCredentialData {
	siteUrl?: unknown;
	companyId?: unknown;
	publicKey?: unknown;
	privateKey?: unknown;
	clientId?: unknown;
	apiVersion?: unknown;
}

export interface ConnectWiseSettings {
	baseUrl: string;
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
	// People paste the full API URL; keep what comes before the API path.
	const path = url.pathname.replace(/\/v4_6_release(\/apis\/3\.0)?\/?.*$/i, '').replace(/\/+$/, '');
	return `${url.protocol}//${url.host}${path}`;
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
		baseUrl: `${site}${API_PATH}`,
		headers: {
			Authorization: `Basic ${basic}`,
			clientId,
			Accept: `application/vnd.connectwise.com+json; version=${apiVersion}`,
			'Content-Type': 'application/json',
		},
		secrets: [privateKey, basic, `${companyId}+${publicKey}:${privateKey}`],
	};
}
