import { createApiError } from '../../../nodes/shared';
import { toGdapRelationshipItem } from '../../../nodes/MicrosoftPartnerCenter/helpers/gdap';
import { tenantFailure, TenantError } from '../../../nodes/MicrosoftPartnerCenter/helpers/tenantErrors';
import { gdapStatusByTenant } from '../../../nodes/MicrosoftPartnerCenter/actions/customer/gdapStatus';

const NOW = Date.parse('2026-03-01T00:00:00Z');

test('GDAP: active relationships ending within N days are flagged; ended ones are not', () => {
	const base = { id: 'r', customer: { tenantId: 'ABC', displayName: 'Contoso' }, accessDetails: { unifiedRoles: [{ roleDefinitionId: 'role-1' }] } };
	const soon = toGdapRelationshipItem({ ...base, status: 'active', endDateTime: '2026-03-20T00:00:00Z' }, NOW, 30);
	expect(soon).toMatchObject({ tenantId: 'abc', tenantName: 'Contoso', daysLeft: 19, expiresWithinDays: true, roles: ['role-1'] });
	expect(toGdapRelationshipItem({ ...base, status: 'active', endDateTime: '2026-05-20T00:00:00Z' }, NOW, 30).expiresWithinDays).toBe(false);
	expect(toGdapRelationshipItem({ ...base, status: 'expired', endDateTime: '2026-02-20T00:00:00Z' }, NOW, 30)).toMatchObject({ daysLeft: -9, expiresWithinDays: false });
});

test('GDAP status per tenant: an active relationship wins over older expired ones', () => {
	const statuses = gdapStatusByTenant([
		{ id: '1', status: 'expired', customer: { tenantId: 'A' } },
		{ id: '2', status: 'active', customer: { tenantId: 'a' } },
		{ id: '3', status: 'terminated', customer: { tenantId: 'B' } },
	]);
	expect(Object.fromEntries(statuses)).toEqual({ a: 'active', b: 'terminated' });
});

describe('tenant failures name the tenant and what to do', () => {
	const tenant = { tenantId: 'abc', tenantName: 'Contoso' };
	test.each([
		['graph', 403, { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges' } }, 'Tenant Contoso (abc) has no active GDAP relationship with the Graph roles needed: renew GDAP in Partner Center'],
		['partnerCenter', 404, { code: 600, description: 'Customer not found' }, 'Tenant Contoso (abc) was not found in Partner Center'],
		['partnerCenter', 500, { code: 1, description: 'Boom' }, 'Tenant Contoso (abc): Could not read licenses: Microsoft Partner Center answered 500: Boom'],
	] as const)('%s %s', (service, status, body, message) => {
		const error = tenantFailure(createApiError({ service, status, body, action: 'read licenses' }), tenant);
		expect(error).toBeInstanceOf(TenantError);
		expect((error as Error).message).toContain(message);
		expect((error as TenantError).tenant).toEqual(tenant);
	});
});
