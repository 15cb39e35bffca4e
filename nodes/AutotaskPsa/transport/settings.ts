/**
 * The Autotask credential as the node uses it: the zone's API base URL (found through
 * zoneInformation or given by hand), the three headers every call carries, and the values
 * that must never appear in output.
 */
export const ZONE_LOOKUP_URL = 'https://webservices.autotask.net/ATServicesRest/';

export interface AutotaskCredentialData {
	userName?: string;
	secret?: string;
	integrationCode?: string;
	impersonationResourceId?: string | number;
	zone?: 'lookup' | 'manual';
	zoneUrl?: string;
	lookupUrl?: string;
}

export interface AutotaskSettings {
	userName: string;
	/** Where zoneInformation is asked (lookup) or undefined when the zone URL was given. */
	lookupUrl?: string;
	/** The zone's `.../ATServicesRest/` when given by hand. */
	zoneUrl?: string;
	headers: Record<string, string>;
	secrets: string[];
}

/** A credential value that cannot work, named so the user knows which field to fix. */
export class CredentialSettingsError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CredentialSettingsError';
	}
}

function parseUrl(text: string): URL | undefined {
	try {
		return new URL(text);
	} catch {
		return undefined;
	}
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i;

/** `https://webservices5.autotask.net/ATServicesRest/` from what a person pastes (with or without `/V1.0`, trailing slash). */
export function normalizeRestUrl(value: unknown, field: string): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '') throw new CredentialSettingsError(`${field} is empty`);
	const url = parseUrl(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`);
	if (!url) throw new CredentialSettingsError(`${field} "${text}" is not a URL`);
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(url.hostname))) {
		throw new CredentialSettingsError(`${field} must use https (plain http only for localhost)`);
	}
	let path = url.pathname.replace(/\/+$/, '').replace(/\/v1\.0$/i, '');
	if (!/\/ATServicesRest$/i.test(path)) path = `${path}/ATServicesRest`;
	return `${url.origin}${path}/`;
}

/** The API base: `{zone}V1.0`. */
export function apiBase(zoneUrl: string): string {
	return `${zoneUrl}V1.0`;
}

export function autotaskSettings(data: AutotaskCredentialData): AutotaskSettings {
	const userName = (data.userName ?? '').trim();
	const secret = data.secret ?? '';
	const integrationCode = (data.integrationCode ?? '').trim();
	if (userName === '') throw new CredentialSettingsError('API User Name is empty');
	if (secret === '') throw new CredentialSettingsError('Secret is empty');
	if (integrationCode === '') throw new CredentialSettingsError('API Integration Code is empty');
	const impersonation = String(data.impersonationResourceId ?? '').trim();
	if (impersonation !== '' && !/^\d+$/.test(impersonation)) throw new CredentialSettingsError(`Impersonation Resource ID "${impersonation}" must be a resource's number`);
	const headers: Record<string, string> = {
		ApiIntegrationCode: integrationCode,
		UserName: userName,
		Secret: secret,
		'Content-Type': 'application/json',
		...(impersonation ? { ImpersonationResourceId: impersonation } : {}),
	};
	const manual = data.zone === 'manual';
	return {
		userName,
		...(manual ? { zoneUrl: normalizeRestUrl(data.zoneUrl, 'Zone URL') } : { lookupUrl: normalizeRestUrl(data.lookupUrl || ZONE_LOOKUP_URL, 'Zone Lookup URL') }),
		headers,
		secrets: [secret, integrationCode],
	};
}
