import type { INodeProperties } from 'n8n-workflow';

const RULES =
	'<b>Request</b>: the item of the trigger (<code>body</code>, <code>query</code>, <code>contentType</code>). The JSON body holds exactly one of ' +
	'<code>companyId</code> (a positive whole number), <code>tenantId</code> (a GUID) or <code>everyone: true</code>, and optionally ' +
	'<code>dryRun</code> (true or false). Anything else is refused: 400 for a body it does not understand, 404 for a company or tenant ' +
	'that is not in the company map, 415 for a body that is not JSON, 503 when the company map could not be read. ' +
	'<b>Company Map</b>: the rows of m365_company_map (<code>tenantId</code>, <code>companyId</code>). ' +
	'<b>Accepted</b> carries <code>scope</code>, <code>companyId</code>, <code>tenantId</code> and <code>dryRun</code>; ' +
	'<b>Refused</b> carries <code>statusCode</code> and <code>message</code> for a Respond to Webhook node.';

export const properties: INodeProperties[] = [{ displayName: RULES, name: 'rulesNotice', type: 'notice', default: '' }];
