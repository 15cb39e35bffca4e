/** Shared by the Partner Center node tests and benchmark: sandbox credentials as n8n would hold them. */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

interface SandboxLike {
	urls: { login: string; partnerCenter: string; graph: string };
	credentials: { microsoft: { partnerTenantId: string; clientId: string; clientSecret: string; refreshToken: string } };
}

export function partnerCenterCredential(sandbox: SandboxLike, overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	const { partnerTenantId, clientId, clientSecret, refreshToken } = sandbox.credentials.microsoft;
	return {
		environment: 'custom',
		loginUrl: sandbox.urls.login,
		partnerCenterUrl: sandbox.urls.partnerCenter,
		graphUrl: sandbox.urls.graph,
		partnerTenantId,
		clientId,
		clientSecret,
		authMode: 'appUser',
		refreshToken,
		...overrides,
	};
}
