/**
 * The zone (webservicesN host) of an API user: `GET {lookup}V1.0/zoneInformation?user=<name>`
 * answers `{ zoneName, url, webUrl, ci }` and `url` is the base of every other call. Asked
 * without the credential headers (as Autotask's own samples and apigrate's client do), and
 * remembered per user for the life of the process.
 */
import { createHttpClient } from '../../shared';
import { parseErrorBody } from '../../shared/errorBodies';
import { CredentialSettingsError, normalizeRestUrl } from './settings';

const known = new Map<string, Promise<string>>();
const UNKNOWN_USER_STATUSES = [400, 404, 500];

export interface ZoneInformation {
	zoneName?: string;
	url?: string;
	webUrl?: string;
	ci?: number;
}

async function lookUp(lookupUrl: string, userName: string, maxAttempts?: number): Promise<string> {
	const http = createHttpClient({ service: 'autotask', retry: maxAttempts ? { maxAttempts } : undefined });
	const res = await http.request<ZoneInformation>({
		method: 'GET',
		url: `${lookupUrl}V1.0/zoneInformation`,
		query: { user: userName },
		action: `find the Autotask zone of API user ${userName}`,
		// Autotask answers an unknown user with an error (500), not an empty zone.
		acceptStatus: UNKNOWN_USER_STATUSES,
	});
	if (UNKNOWN_USER_STATUSES.includes(res.status)) {
		// Autotask's own words too: a 500 may also be an outage, and they tell the two apart.
		const said = parseErrorBody('autotask', res.data).message;
		throw new CredentialSettingsError(`Autotask knows no API user "${userName}" in any zone: check the API User Name (the full user name, e.g. api-user@yourmsp.com)${said ? ` (Autotask said: ${said})` : ''}`);
	}
	const info = res.data;
	if (!info?.url) throw new CredentialSettingsError(`Autotask answered zoneInformation for "${userName}" without a zone URL`);
	return normalizeRestUrl(info.url, 'The zone URL Autotask named');
}

export async function discoverZone(lookupUrl: string, userName: string, maxAttempts?: number): Promise<string> {
	const key = `${lookupUrl}|${userName.toLowerCase()}`;
	let pending = known.get(key);
	if (!pending) {
		pending = lookUp(lookupUrl, userName, maxAttempts);
		known.set(key, pending);
		// A failed lookup is not remembered: a fixed user name works on the next run.
		pending.catch(() => known.delete(key));
	}
	return await pending;
}
