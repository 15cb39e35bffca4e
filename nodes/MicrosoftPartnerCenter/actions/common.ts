/** Small helpers every operation uses: the item's tenant, paired output items, options. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { TenantRef } from '../helpers/tenantErrors';

const DEFAULT_TENANT_EXPRESSION = /^=\{\{\s*\$json\.tenantId\s*\}\}$/;

/** The parameter as saved: text (versions 1 and 1.1) or a resource locator's value (1.2). */
function savedText(raw: unknown): string {
	if (typeof raw === 'string') return raw;
	const value = raw !== null && typeof raw === 'object' ? (raw as { value?: unknown }).value : undefined;
	return typeof value === 'string' ? value : '';
}

/**
 * The item's tenant. The default `{{ $json.tenantId }}` is read straight from the item:
 * evaluating n8n's expression engine for each of thousands of tenants cost about 1 ms of
 * CPU per item (a third of the node's own work in the 2,000-tenant benchmark).
 */
export function tenantOf(context: IExecuteFunctions, i: number): TenantRef {
	const json = context.getInputData()[i]?.json ?? {};
	const fromItem = DEFAULT_TENANT_EXPRESSION.test(savedText(context.getNodeParameter('tenantId', i, '', { rawExpressions: true })).trim());
	const value = fromItem ? json.tenantId : context.getNodeParameter('tenantId', i, '', { extractValue: true });
	const tenantId = String(value ?? '').trim().toLowerCase();
	const name = typeof json.tenantName === 'string' ? json.tenantName : typeof json.name === 'string' ? json.name : undefined;
	return { tenantId, ...(name ? { tenantName: name } : {}) };
}

export function requireTenantId(tenant: TenantRef): void {
	if (tenant.tenantId === '') {
		throw new Error('No tenant ID for this item: pick the tenant from the list, give its ID, or feed the node items with a tenantId (e.g. from Customer → Get Many)');
	}
	if (!/^[0-9a-z][0-9a-z.-]*$/i.test(tenant.tenantId)) {
		throw new Error(`"${tenant.tenantId}" is not a tenant ID: set Tenant ID to the customer's tenant GUID (e.g. {{ $json.tenantId }})`);
	}
}

/** Output items paired with input item i. Our item shapes are plain JSON objects. */
export function paired(context: IExecuteFunctions, data: readonly object[], i: number): INodeExecutionData[] {
	return context.helpers.constructExecutionMetaData(context.helpers.returnJsonArray(data as IDataObject[]), { itemData: { item: i } });
}

export function options<T extends object>(context: IExecuteFunctions, i: number, defaults: T): T {
	const given = context.getNodeParameter('options', i, {}) as Partial<T>;
	return { ...defaults, ...given };
}

export function listLimit(context: IExecuteFunctions, i: number): number | undefined {
	return context.getNodeParameter('returnAll', i, false) ? undefined : (context.getNodeParameter('limit', i, 50) as number);
}
