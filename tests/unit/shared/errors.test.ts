import { NodeApiError, type INode } from 'n8n-workflow';
import { createApiError, toNodeApiError } from '../../../nodes/shared/errors';
import { redactText, redactValue } from '../../../nodes/shared/redact';

const node: INode = { id: '1', name: 'ConnectWise PSA', type: 'n8n-nodes-m365-license-sync.connectWisePsa', typeVersion: 1, position: [0, 0], parameters: {} };

describe('error bodies become readable messages', () => {
	test.each([
		['graph', 403, { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } }, 'read users of tenant Contoso', 'Could not read users of tenant Contoso: Microsoft Graph answered 403: Insufficient privileges to complete the operation.', 'Authorization_RequestDenied'],
		['partnerCenter', 404, { code: 600, description: 'Customer was not found', data: [], source: 'PartnerFD' }, 'read customer', 'Could not read customer: Microsoft Partner Center answered 404: Customer was not found', '600'],
		['partnerCenter', 429, { statusCode: 429, message: 'Rate limit is exceeded. Try again in 12 seconds.' }, undefined, 'Microsoft Partner Center request failed: Microsoft Partner Center answered 429: Rate limit is exceeded. Try again in 12 seconds.', '429'],
		['connectWise', 400, { code: 'InvalidObject', message: 'agreement addition object is invalid', errors: [{ code: 'NullValue', message: 'billCustomer may not be null', resource: 'addition', field: 'billCustomer' }] }, 'create an addition', 'Could not create an addition: ConnectWise PSA answered 400: agreement addition object is invalid — billCustomer: billCustomer may not be null', 'InvalidObject'],
		['login', 400, { error: 'invalid_grant', error_description: 'AADSTS700082: The refresh token has expired due to inactivity.\r\nTrace ID: 1', suberror: undefined }, 'get a token', 'Could not get a token: Microsoft login answered 400: AADSTS700082: The refresh token has expired due to inactivity.', 'invalid_grant'],
		['connectWise', 500, '<html>Internal error</html>', undefined, 'ConnectWise PSA request failed: ConnectWise PSA answered 500: Internal error', undefined],
		['connectWise', 414, '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN">\r\n<HTML><HEAD><TITLE>Request URL Too Long</TITLE></HEAD>\r\n<BODY><h2>Request URL Too Long</h2></BODY></HTML>', 'read agreements', 'Could not read agreements: ConnectWise PSA answered 414: Request URL Too Long', undefined],
		['graph', 502, undefined, undefined, 'Microsoft Graph request failed: Microsoft Graph answered 502: the service is unavailable (bad gateway)', undefined],
	] as const)('%s %d', (service, status, body, action, message, code) => {
		const error = createApiError({ service, status, body, action });
		expect(error.message).toBe(message);
		expect(error.details.code).toBe(code);
		expect(error.status).toBe(status);
	});

	test('no response at all says so', () => {
		const error = createApiError({ service: 'partnerCenter', networkCode: 'ECONNRESET', action: 'list customers', attempts: 5 });
		expect(error.message).toBe('Could not list customers: no response from Microsoft Partner Center (ECONNRESET) (after 5 attempts)');
	});

	test('toNodeApiError keeps message and HTTP code for the n8n UI', () => {
		const error = toNodeApiError(node, createApiError({ service: 'connectWise', status: 404, body: { code: 'NotFound', message: 'Agreement 12 not found' } }), { itemIndex: 3 });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('ConnectWise PSA request failed: ConnectWise PSA answered 404: Agreement 12 not found');
		expect(error.httpCode).toBe('404');
	});
});

describe('secret redaction', () => {
	const secret = 'S3cr3t~Value.With+Chars';
	test('known values, URL-encoded too', () => {
		expect(redactText(`client_secret=${encodeURIComponent(secret)}&x=1 and ${secret}`, [secret])).toBe('client_secret=[redacted]&x=1 and [redacted]');
	});
	test('wire shapes without knowing the value', () => {
		const text = 'Authorization: Basic Y29tcGFueStwdWI6cHJpdmF0ZWtleQ== refresh_token=0.AAAA-abc&grant_type=refresh_token "access_token":"eyJ0eXAi"';
		const out = redactText(text);
		expect(out).not.toContain('Y29tcGFueStwdWI6cHJpdmF0ZWtleQ==');
		expect(out).not.toContain('0.AAAA-abc');
		expect(out).not.toContain('eyJ0eXAi');
		expect(out).toContain('grant_type=refresh_token');
	});
	test('objects: secret-named keys and secret values anywhere', () => {
		const value = { clientSecret: 'abc', nested: [{ note: `value ${secret}` }], privateKey: 'pk-123', count: 3 };
		expect(redactValue(value, [secret])).toEqual({ clientSecret: '[redacted]', nested: [{ note: 'value [redacted]' }], privateKey: '[redacted]', count: 3 });
	});
	test('errors built with secrets never carry them', () => {
		const error = createApiError({ service: 'login', status: 401, body: { error: 'invalid_client', error_description: `Bad secret ${secret}` }, secrets: [secret] });
		expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(secret);
	});
});
