/** The credential's fields, read once and checked, so the rest of the code gets typed values. */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { environmentUrls, type EnvironmentName, type EnvironmentUrls } from './environment';

export const CREDENTIAL_TYPE = 'microsoftPartnerCenterApi';

export type AuthMode = 'appUser' | 'appOnly';

export interface PartnerCenterCredentials {
	environment: EnvironmentName;
	urls: EnvironmentUrls;
	partnerTenantId: string;
	clientId: string;
	clientSecret: string;
	authMode: AuthMode;
	refreshToken?: string;
}

function text(data: ICredentialDataDecryptedObject, key: string): string {
	const value = data[key];
	return typeof value === 'string' ? value.trim() : '';
}

export function readCredentials(data: ICredentialDataDecryptedObject): PartnerCenterCredentials {
	const environment = (text(data, 'environment') || 'global') as EnvironmentName;
	const authMode: AuthMode = text(data, 'authMode') === 'appOnly' ? 'appOnly' : 'appUser';
	const credentials: PartnerCenterCredentials = {
		environment,
		urls: environmentUrls(environment, {
			loginUrl: text(data, 'loginUrl'),
			partnerCenterUrl: text(data, 'partnerCenterUrl'),
			graphUrl: text(data, 'graphUrl'),
		}),
		partnerTenantId: text(data, 'partnerTenantId'),
		clientId: text(data, 'clientId'),
		clientSecret: text(data, 'clientSecret'),
		authMode,
		refreshToken: authMode === 'appUser' ? text(data, 'refreshToken') : undefined,
	};
	const missing = [
		['Partner Tenant ID', credentials.partnerTenantId],
		['Client ID', credentials.clientId],
		['Client Secret', credentials.clientSecret],
		...(authMode === 'appUser' ? [['Refresh Token', credentials.refreshToken ?? '']] : []),
	].filter(([, value]) => !value).map(([name]) => name);
	if (missing.length > 0) {
		throw new Error(`The Microsoft Partner Center credential is missing: ${missing.join(', ')}`);
	}
	return credentials;
}

/** Values that must never reach output, errors or logs. */
export function secretsOf(credentials: PartnerCenterCredentials): string[] {
	return [credentials.clientSecret, credentials.refreshToken].filter((s): s is string => !!s);
}
