/** The credential's fields, read once and checked, so the rest of the code gets typed values. */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { environmentUrls, type EnvironmentName, type EnvironmentUrls } from './environment';

/** Refresh token pasted by hand (Secure Application Model) or App only. */
export const CREDENTIAL_TYPE = 'microsoftPartnerCenterApi';
/** The partner user signs in with n8n's Connect button; n8n keeps and rotates the tokens. */
export const CONNECTED_CREDENTIAL_TYPE = 'microsoftPartnerCenterOAuth2Api';

export type MicrosoftCredentialType = typeof CREDENTIAL_TYPE | typeof CONNECTED_CREDENTIAL_TYPE;

export type AuthMode = 'appUser' | 'appOnly';

export interface PartnerCenterCredentials {
	type: MicrosoftCredentialType;
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

function oauthRefreshToken(data: ICredentialDataDecryptedObject): string {
	const tokenData = data.oauthTokenData as { refresh_token?: unknown } | undefined;
	return typeof tokenData?.refresh_token === 'string' ? tokenData.refresh_token.trim() : '';
}

export function readCredentials(data: ICredentialDataDecryptedObject, type: MicrosoftCredentialType = CREDENTIAL_TYPE): PartnerCenterCredentials {
	const environment = (text(data, 'environment') || 'global') as EnvironmentName;
	const oauth = type === CONNECTED_CREDENTIAL_TYPE;
	const authMode: AuthMode = !oauth && text(data, 'authMode') === 'appOnly' ? 'appOnly' : 'appUser';
	const credentials: PartnerCenterCredentials = {
		type,
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
		refreshToken: authMode === 'appUser' ? (oauth ? oauthRefreshToken(data) : text(data, 'refreshToken')) : undefined,
	};
	const missing = [
		['Partner Tenant ID', credentials.partnerTenantId],
		['Client ID', credentials.clientId],
		['Client Secret', credentials.clientSecret],
		...(authMode === 'appUser' && !oauth ? [['Refresh Token', credentials.refreshToken ?? '']] : []),
	].filter(([, value]) => !value).map(([name]) => name);
	if (missing.length > 0) {
		throw new Error(`The Microsoft Partner Center credential is missing: ${missing.join(', ')}`);
	}
	if (oauth && !credentials.refreshToken) {
		throw new Error('The Microsoft Partner Center OAuth2 credential is not connected: open it and click "Connect my account" (sign in as a partner admin with MFA)');
	}
	return credentials;
}

/** Values that must never reach output, errors or logs. */
export function secretsOf(credentials: PartnerCenterCredentials): string[] {
	return [credentials.clientSecret, credentials.refreshToken].filter((s): s is string => !!s);
}
