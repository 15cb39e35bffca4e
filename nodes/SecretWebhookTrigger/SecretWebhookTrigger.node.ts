import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { secretMatches } from './secret';

/**
 * A POST webhook that checks a header secret and passes on the body and query only. n8n's own
 * Webhook node outputs every request header, and n8n stores a trigger's output in the execution
 * (in the database, from the moment the run starts): the secret would be saved in plain text.
 */
// Nothing to register with a third party: n8n itself serves the path, as for its Webhook node.
// eslint-disable-next-line @n8n/community-nodes/webhook-lifecycle-complete
export class SecretWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Secret Webhook Trigger',
		name: 'secretWebhookTrigger',
		icon: { light: 'file:secretWebhookTrigger.svg', dark: 'file:secretWebhookTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"POST /webhook/" + $parameter["path"]}}',
		description: 'Start a workflow from an HTTP POST carrying a header secret; request headers (and so the secret) never reach the workflow or its saved executions',
		defaults: { name: 'Secret Webhook Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// n8n's own Header Auth credential (n8n-nodes-base, present on every instance), not another
		// community package's: one secret serves this trigger and n8n's Webhook node alike.
		// eslint-disable-next-line @n8n/community-nodes/no-credential-reuse, @n8n/community-nodes/valid-credential-references
		credentials: [{ name: 'httpHeaderAuth', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: '={{$parameter["responseMode"]}}',
				responseData: 'firstEntryJson',
				path: '={{$parameter["path"]}}',
				isFullPath: true,
			},
		],
		properties: [
			{
				displayName:
					'Callers send the header named in the Header Auth credential with its value; a missing or wrong secret is answered with 403 and starts nothing. ' +
					'The output item holds <code>body</code>, <code>query</code> and <code>contentType</code>, never the request headers.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Path',
				name: 'path',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'm365-sync-now',
				description: 'The webhook answers POST requests on /webhook/&lt;path&gt;',
			},
			{
				displayName: 'Respond',
				name: 'responseMode',
				type: 'options',
				options: [
					{ name: "Using 'Respond to Webhook' Node", value: 'responseNode', description: 'A Respond to Webhook node (version 1) answers, with its own status code' },
					{ name: 'When Last Node Finishes', value: 'lastNode', description: 'Answers 200 with the first item of the last node' },
					{
						name: 'Immediately',
						value: 'onReceived',
						description: 'Answers 200 as soon as the run is queued (in queue mode before a worker picks it up), with the trigger\'s item',
					},
				],
				default: 'responseNode',
				description: 'When and how to answer the caller',
			},
		],
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const res = this.getResponseObject();
		const credential = await this.getCredentials('httpHeaderAuth').catch(() => undefined);
		const headerName = String(credential?.name ?? '').trim().toLowerCase();
		const secret = String(credential?.value ?? '');
		if (!headerName || !secret) {
			res.status(500).json({ message: 'The webhook has no header secret: fill in the name and value of its Header Auth credential.' });
			return { noWebhookResponse: true };
		}
		if (!secretMatches(this.getHeaderData()[headerName], secret)) {
			res.status(403).json({ message: `Authorization data is wrong: send the ${credential?.name as string} header with the secret.` });
			return { noWebhookResponse: true };
		}
		const req = this.getRequestObject();
		const json: IDataObject = {
			body: (req.body as IDataObject | undefined) ?? null,
			query: (req.query as IDataObject | undefined) ?? {},
			contentType: req.headers['content-type'] ?? null,
		};
		return { workflowData: [[{ json }]] };
	}
}
