/**
 * Tier 2: runs one of our nodes inside a real n8n-core WorkflowExecute, the way the n8n
 * server does, with fixture nodes feeding each input. Credentials come from a minimal
 * ICredentialsHelper; nothing here mocks our own HTTP layer (node tests talk to the sandbox).
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	ICredentialsHelper,
	NodeConnectionTypes,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type ICredentials,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IWorkflowExecuteAdditionalData,
	type IConnections,
} from 'n8n-workflow';
import { MicrosoftPartnerCenterApi } from '../../credentials/MicrosoftPartnerCenterApi.credentials';
import { MicrosoftPartnerCenterOAuth2Api } from '../../credentials/MicrosoftPartnerCenterOAuth2Api.credentials';

/** Credential types whose behaviour n8n implements around them (OAuth2 refresh, preAuthentication). */
const PACKAGE_CREDENTIAL_TYPES: ICredentialType[] = [new MicrosoftPartnerCenterApi(), new MicrosoftPartnerCenterOAuth2Api()];

export interface RunNodeOptions {
	node: INodeType;
	parameters: INodeParameters;
	/** One array of items per node input. */
	inputs: INodeExecutionData[][];
	/** Decrypted credential data by credential type name. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/**
	 * Credentials kept across runs, as n8n's database keeps them: what n8n writes back (a rotated
	 * OAuth2 token, a preAuthentication result) is what the next run reads, and each write is recorded.
	 */
	credentialStore?: CredentialStore;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	typeVersion?: number;
}

export interface RunNodeResult {
	/** One array per node output (plus the error output when onError is continueErrorOutput). */
	outputs: INodeExecutionData[][];
	error?: Error;
	run: IRun;
}

const TARGET = 'Node Under Test';

function startNodeType(): INodeType {
	return {
		description: {
			displayName: 'Start',
			name: 'start',
			group: ['trigger'],
			version: 1,
			description: 'Starts the test workflow',
			defaults: { name: 'Start' },
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions) {
			return [[{ json: {} }]];
		},
	};
}

function fixtureNodeType(name: string, items: INodeExecutionData[]): INodeType {
	return {
		description: {
			displayName: name,
			name,
			group: ['transform'],
			version: 1,
			description: 'Emits fixed items',
			defaults: { name },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions) {
			// A fresh copy per run, paired to nothing upstream that matters.
			return [items.map((item, i) => ({ json: structuredClone(item.json), ...(item.binary ? { binary: item.binary } : {}), pairedItem: { item: Math.min(i, 0) } }))];
		},
	};
}

export interface CredentialUpdate {
	type: string;
	/** Which n8n path wrote it: OAuth2 token refresh, or a credential's preAuthentication. */
	via: 'updateCredentialsOauthTokenData' | 'updateCredentials';
	data: ICredentialDataDecryptedObject;
}

/** Credential data by type plus the credential types' definitions (parents, hidden defaults, preAuthentication). */
export class CredentialStore {
	readonly updates: CredentialUpdate[] = [];

	constructor(
		readonly data: Record<string, ICredentialDataDecryptedObject>,
		readonly types: ICredentialType[] = PACKAGE_CREDENTIAL_TYPES,
	) {}

	typeOf(name: string): ICredentialType | undefined {
		return this.types.find((type) => type.name === name);
	}
}

/** `={{ ... }}` with `$self` = the credential's own data, as n8n resolves credential expressions. */
function resolveCredentialValue(value: unknown, self: ICredentialDataDecryptedObject): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	const text = value.slice(1);
	const whole = /^\{\{([\s\S]*)\}\}$/.exec(text.trim());
	const evaluate = (expression: string) => new Function('$self', '$credentials', `return (${expression});`)(self, self) as unknown;
	if (whole) return evaluate(whole[1]);
	return text.replace(/\{\{([\s\S]*?)\}\}/g, (_m, expression: string) => String(evaluate(expression) ?? ''));
}

class TestCredentialsHelper extends ICredentialsHelper {
	private readonly store: CredentialStore;

	constructor(credentials: Record<string, ICredentialDataDecryptedObject> | CredentialStore) {
		super();
		this.store = credentials instanceof CredentialStore ? credentials : new CredentialStore(credentials);
	}

	private get credentials(): Record<string, ICredentialDataDecryptedObject> {
		return this.store.data;
	}

	getParentTypes(name: string): string[] {
		return [...(this.store.typeOf(name)?.extends ?? [])];
	}

	/** Defaults of the type's properties (hidden ones included), then its expressions resolved. */
	private resolved(type: string, data: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
		const definition = this.store.typeOf(type);
		if (!definition) return data;
		const withDefaults: Record<string, unknown> = { ...data };
		for (const property of definition.properties) {
			const expression = property.type === 'hidden' && String(property.default).startsWith('=');
			if (expression || withDefaults[property.name] === undefined) withDefaults[property.name] = property.default;
		}
		const self = withDefaults as ICredentialDataDecryptedObject;
		const result: ICredentialDataDecryptedObject = {};
		for (const [key, value] of Object.entries(withDefaults)) result[key] = resolveCredentialValue(value, self) as never;
		return result;
	}
	isCredentialUsableByNode(): boolean {
		return true;
	}
	/** n8n's generic authentication: header templates filled from the credential. */
	async authenticate(credentials: ICredentialDataDecryptedObject, type: string, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const authenticate = this.store.typeOf(type)?.authenticate;
		if (!authenticate || typeof authenticate === 'function' || authenticate.type !== 'generic') return requestOptions;
		const headers = { ...(requestOptions.headers ?? {}) };
		for (const [name, template] of Object.entries(authenticate.properties.headers ?? {})) {
			headers[name] = String(template).replace(/^=/, '').replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_m, key: string) => String(credentials[key] ?? ''));
		}
		return { ...requestOptions, headers };
	}
	/** As n8n's CredentialsHelper.preAuthentication: run the type's preAuthentication when its expirable field is empty or was refused, and save the result. */
	async preAuthentication(
		helpers: unknown,
		credentials: ICredentialDataDecryptedObject,
		type: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const definition = this.store.typeOf(type);
		const expirable = definition?.properties.find((property) => property.type === 'hidden' && property.typeOptions?.expirable === true);
		if (!definition?.preAuthentication || !expirable) return undefined;
		if (credentials[expirable.name] !== '' && credentials[expirable.name] !== undefined && !credentialsExpired) return undefined;
		const output = await definition.preAuthentication.call(helpers as never, credentials);
		if (output[expirable.name] === undefined || !node.credentials) return undefined;
		const stored = { ...this.credentials[type], ...output } as ICredentialDataDecryptedObject;
		this.credentials[type] = stored;
		this.store.updates.push({ type, via: 'updateCredentials', data: structuredClone(stored) });
		return Object.assign(credentials, output);
	}
	async runPreAuthentication(helpers: unknown, credentials: ICredentialDataDecryptedObject, type: string): Promise<ICredentialDataDecryptedObject | undefined> {
		const preAuthentication = this.store.typeOf(type)?.preAuthentication;
		return typeof preAuthentication === 'function' ? ((await preAuthentication.call(helpers as never, credentials)) as ICredentialDataDecryptedObject) : undefined;
	}
	async getCredentials(): Promise<ICredentials> {
		throw new Error('getCredentials is not used by the test harness');
	}
	async getDecrypted(_a: IWorkflowExecuteAdditionalData, _n: unknown, type: string, _mode?: unknown, _e?: unknown, raw?: boolean): Promise<ICredentialDataDecryptedObject> {
		const data = this.credentials[type];
		if (!data) throw new Error(`The test gave no credentials of type ${type}`);
		return raw ? structuredClone(data) : this.resolved(type, structuredClone(data));
	}
	async updateCredentials(_n: unknown, type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		this.credentials[type] = structuredClone(data);
		this.store.updates.push({ type, via: 'updateCredentials', data: structuredClone(data) });
	}
	async updateCredentialsOauthTokenData(_n: unknown, type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		this.credentials[type] = { ...this.credentials[type], oauthTokenData: structuredClone(data.oauthTokenData) };
		this.store.updates.push({ type, via: 'updateCredentialsOauthTokenData', data: structuredClone(this.credentials[type]) });
	}
	getCredentialsProperties(): [] {
		return [];
	}
}

function additionalData(credentials: Record<string, ICredentialDataDecryptedObject> | CredentialStore, hooks: ExecutionLifecycleHooks): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper(credentials),
		hooks,
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not available in node tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		mcpBaseUrl: 'http://localhost:5678/mcp',
		mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('Task runners are not available in node tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const types: Record<string, INodeType> = { start: startNodeType(), target: options.node };
	const nodes: INode[] = [
		{ id: 'start', name: 'Start', type: 'start', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'target',
			name: TARGET,
			type: 'target',
			typeVersion: options.typeVersion ?? (Array.isArray(options.node.description.version) ? Math.max(...options.node.description.version) : options.node.description.version),
			position: [600, 0],
			parameters: options.parameters,
			credentials: Object.fromEntries(Object.keys(options.credentialStore?.data ?? options.credentials ?? {}).map((type) => [type, { id: type, name: type }])),
			...(options.onError ? { onError: options.onError } : {}),
		},
	];
	const connections: IConnections = { Start: { main: [[]] } };
	options.inputs.forEach((items, index) => {
		const name = `Input ${index}`;
		types[`fixture${index}`] = fixtureNodeType(`fixture${index}`, items);
		nodes.push({ id: `fixture${index}`, name, type: `fixture${index}`, typeVersion: 1, position: [300, index * 200], parameters: {}, alwaysOutputData: false });
		connections.Start.main[0]!.push({ node: name, type: NodeConnectionTypes.Main, index: 0 });
		connections[name] = { main: [[{ node: TARGET, type: NodeConnectionTypes.Main, index }]] };
	});

	const nodeTypes: INodeTypes = {
		getByName: (type) => types[type],
		getByNameAndVersion: (type) => types[type],
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ id: 'test', name: 'node test', nodes, connections, active: false, nodeTypes, settings: { executionOrder: 'v1' } });
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', { id: 'test', name: 'node test', nodes, connections, active: false, settings: {}, createdAt: new Date(), updatedAt: new Date(), isArchived: false, activeVersionId: null } as never);
	const execute = new WorkflowExecute(additionalData(options.credentialStore ?? options.credentials ?? {}, hooks), 'manual');
	const run = await execute.run({ workflow, startNode: workflow.getNode('Start')!, destinationNode: { nodeName: TARGET, mode: 'inclusive' } } as never);
	const taskData = run.data.resultData.runData[TARGET]?.[0];
	const outputs = (taskData?.data?.main ?? []).map((items) => items ?? []);
	const error = run.data.resultData.error ?? taskData?.error;
	return { outputs, error: error as Error | undefined, run };
}
