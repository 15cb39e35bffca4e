import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { ItemError, withIdentity } from '../../../shared/itemError';
import { locatorId } from '../../../shared/parameters';
import { concurrencyOption, contractLocator } from '../common.descriptions';
import { linesOf, type OperationContext } from '../../helpers/context';
import { paired } from '../../helpers/output';
import { contractFacts } from '../../shapes/records';

const properties: INodeProperties[] = [
	contractLocator('The contract whose services to list'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			concurrencyOption,
			{
				displayName: 'Include Agreement Facts',
				name: 'includeAgreementFacts',
				type: 'boolean',
				default: true,
				description:
					"Whether to add the contract's facts to each service (agreementStatus, agreementStartDate, agreementEndDate, agreementCompanyId, agreementCompanyName, agreementType = contract category, billingCycle = contract period). A contract with no matching services then gives one item of its own: { kind: 'agreement', agreementId, additionId: null, ...facts }. License Reconcile needs these facts.",
			},
			{ displayName: 'Managed Only', name: 'managedOnly', type: 'boolean', default: false, description: 'Whether to return only services marked as managed by this package. License Reconcile needs all of them: leave this off for it.' },
			{ displayName: 'Product Identifier', name: 'productIdentifier', type: 'string', default: '', description: "Only services whose SKU (else name) is this identifier" },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['contractService'], operation: ['getAll'] } }, properties);

interface Options {
	includeAgreementFacts?: boolean;
	managedOnly?: boolean;
	productIdentifier?: string;
}

async function listServices(ctx: OperationContext, contractId: number, options: Options): Promise<object[]> {
	const withFacts = options.includeAgreementFacts !== false;
	const contract = withFacts ? await ctx.lookups.contract(contractId) : undefined;
	if (withFacts && !contract) throw new ItemError(`Contract ${contractId} was not found in Autotask PSA`);
	const read = await ctx.readContract(contractId);
	const product = options.productIdentifier?.trim().toLowerCase();
	const lines = linesOf(read, ctx.today).filter((line) => (!options.managedOnly || line.managed) && (!product || line.productIdentifier.toLowerCase() === product));
	if (!contract) return lines;
	const company = contract.companyID ? await ctx.lookups.company(contract.companyID) : undefined;
	const facts = contractFacts(contract, await ctx.lookups.contractPicklists(), company?.companyName ?? null, ctx.today);
	// With facts on, a contract with nothing to list still says what it is.
	if (lines.length === 0) return [{ kind: 'agreement', additionId: null, ...facts }];
	return lines.map((line) => ({ ...line, ...facts }));
}

export async function execute(this: IExecuteFunctions, i: number, ctx: OperationContext): Promise<INodeExecutionData[]> {
	const agreementId = locatorId.call(this, 'agreementId', i, 'Contract')!;
	const options = this.getNodeParameter('options', i, {}) as Options;
	// A failed read names its contract even when the id came from a parameter (contract C1).
	return paired(this, await withIdentity({ agreementId }, async () => await listServices(ctx, agreementId, options)), i);
}
