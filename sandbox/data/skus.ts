/**
 * Common Microsoft 365 SKUs. GUIDs, String_Ids and display names come from Microsoft's
 * "Product names and service plan identifiers for licensing" table (shared/data CSV).
 */
export interface SkuInfo {
	skuId: string;
	skuPartNumber: string;
	productName: string;
	/** The name Microsoft sells it under today when the product-names table still has an older one. */
	offerName?: string;
	/** ConnectWise catalog identifier (max 25 characters there). */
	catalogIdentifier: string;
	price: number;
	cost: number;
	/** Each user holds at most one base licence; add-ons come on top. */
	kind: 'base' | 'addon' | 'free';
	servicePlans: Array<{ servicePlanId: string; servicePlanName: string }>;
}

const plan = (servicePlanId: string, servicePlanName: string) => ({ servicePlanId, servicePlanName });
const EXCHANGE_S_STANDARD = plan('9aaf7827-d63c-4b61-89c3-182f06f82e5c', 'EXCHANGE_S_STANDARD');
const EXCHANGE_S_ENTERPRISE = plan('efb87545-963c-4e0d-99df-69c6916d9eb0', 'EXCHANGE_S_ENTERPRISE');
const TEAMS1 = plan('57ff2da0-773e-42df-b2af-ffb7a2317929', 'TEAMS1');
const SHAREPOINTSTANDARD = plan('c7699d2e-19aa-44de-8edf-1736da088ca1', 'SHAREPOINTSTANDARD');
const OFFICESUBSCRIPTION = plan('43de0ff5-c92c-492b-9116-175376d08c38', 'OFFICESUBSCRIPTION');
const INTUNE_A = plan('c1ec4a95-1f05-45b3-a911-aa3fa01094f5', 'INTUNE_A');
const AAD_PREMIUM = plan('41781fb2-bc02-4b7c-bd55-b576c07bb09d', 'AAD_PREMIUM');
const BI_AZURE_P2 = plan('70d33638-9c74-4d01-bfd3-562de28bd4ba', 'BI_AZURE_P2');
const VISIO_CLIENT = plan('663a804f-1c30-4ff0-9915-9db84f0d1cea', 'VISIO_CLIENT_SUBSCRIPTION');
const FLOW_P2_VIRAL = plan('50e68c76-46c6-4674-81f9-75456511b170', 'FLOW_P2_VIRAL');

export const SKUS: readonly SkuInfo[] = [
	{ skuId: '3b555118-da6a-4418-894f-7df1e2096870', skuPartNumber: 'O365_BUSINESS_ESSENTIALS', productName: 'Microsoft 365 Business Basic', catalogIdentifier: 'M365-BUS-BASIC', price: 6, cost: 5.4, kind: 'base', servicePlans: [EXCHANGE_S_STANDARD, TEAMS1, SHAREPOINTSTANDARD] },
	{ skuId: 'f245ecc8-75af-4f8e-b61f-27d8114de5f3', skuPartNumber: 'O365_BUSINESS_PREMIUM', productName: 'Microsoft 365 Business Standard', catalogIdentifier: 'M365-BUS-STD', price: 12.5, cost: 11.25, kind: 'base', servicePlans: [EXCHANGE_S_STANDARD, TEAMS1, SHAREPOINTSTANDARD, OFFICESUBSCRIPTION] },
	{ skuId: 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46', skuPartNumber: 'SPB', productName: 'Microsoft 365 Business Premium', catalogIdentifier: 'M365-BUS-PREM', price: 22, cost: 19.8, kind: 'base', servicePlans: [EXCHANGE_S_STANDARD, TEAMS1, SHAREPOINTSTANDARD, OFFICESUBSCRIPTION, INTUNE_A, AAD_PREMIUM] },
	{ skuId: '05e9a617-0261-4cee-bb44-138d3ef5d965', skuPartNumber: 'SPE_E3', productName: 'Microsoft 365 E3', catalogIdentifier: 'M365-E3', price: 36, cost: 32.4, kind: 'base', servicePlans: [EXCHANGE_S_ENTERPRISE, SHAREPOINTSTANDARD, OFFICESUBSCRIPTION, INTUNE_A, AAD_PREMIUM] },
	{ skuId: '06ebc4ee-1bb5-47dd-8120-11324bc54e06', skuPartNumber: 'SPE_E5', productName: 'Microsoft 365 E5', catalogIdentifier: 'M365-E5', price: 57, cost: 51.3, kind: 'base', servicePlans: [EXCHANGE_S_ENTERPRISE, SHAREPOINTSTANDARD, OFFICESUBSCRIPTION, INTUNE_A, AAD_PREMIUM, BI_AZURE_P2] },
	{ skuId: '6fd2c87f-b296-42f0-b197-1e91e994b900', skuPartNumber: 'ENTERPRISEPACK', productName: 'Office 365 E3', catalogIdentifier: 'O365-E3', price: 23, cost: 20.7, kind: 'base', servicePlans: [EXCHANGE_S_ENTERPRISE, SHAREPOINTSTANDARD, OFFICESUBSCRIPTION] },
	{ skuId: '4b9405b0-7788-4568-add1-99614e613b69', skuPartNumber: 'EXCHANGESTANDARD', productName: 'Exchange Online (Plan 1)', catalogIdentifier: 'EXO-P1', price: 4, cost: 3.6, kind: 'base', servicePlans: [EXCHANGE_S_STANDARD] },
	{ skuId: '66b55226-6b4f-492c-910c-a3b7a3c9d993', skuPartNumber: 'SPE_F1', productName: 'Microsoft 365 F3', catalogIdentifier: 'M365-F3', price: 8, cost: 7.2, kind: 'base', servicePlans: [EXCHANGE_S_STANDARD, TEAMS1] },
	{ skuId: 'cdd28e44-67e3-425e-be4c-737fab2899d3', skuPartNumber: 'O365_BUSINESS', productName: 'Microsoft 365 Apps for Business', catalogIdentifier: 'M365-APPS-BUS', price: 8.25, cost: 7.43, kind: 'addon', servicePlans: [OFFICESUBSCRIPTION] },
	{ skuId: '19ec0d23-8335-4cbd-94ac-6050e30712fa', skuPartNumber: 'EXCHANGEENTERPRISE', productName: 'Exchange Online (Plan 2)', catalogIdentifier: 'EXO-P2', price: 8, cost: 7.2, kind: 'addon', servicePlans: [EXCHANGE_S_ENTERPRISE] },
	{ skuId: 'f8a1db68-be16-40ed-86d5-cb42ce701560', skuPartNumber: 'POWER_BI_PRO', productName: 'Power BI Pro', catalogIdentifier: 'PBI-PRO', price: 14, cost: 12.6, kind: 'addon', servicePlans: [BI_AZURE_P2] },
	{ skuId: '078d2b04-f1bd-4111-bbd4-b4b1b354cef4', skuPartNumber: 'AAD_PREMIUM', productName: 'Microsoft Entra ID P1', catalogIdentifier: 'ENTRA-P1', price: 6, cost: 5.4, kind: 'addon', servicePlans: [AAD_PREMIUM] },
	{ skuId: 'c5928f49-12ba-48f7-ada3-0d743a3601d5', skuPartNumber: 'VISIOCLIENT', productName: 'Visio Plan 2', catalogIdentifier: 'VISIO-P2', price: 15, cost: 13.5, kind: 'addon', servicePlans: [VISIO_CLIENT] },
	{ skuId: '639dec6b-bb19-468b-871c-c5c441c4b0cb', skuPartNumber: 'Microsoft_365_Copilot', productName: 'Microsoft Copilot for Microsoft 365', offerName: 'Microsoft 365 Copilot', catalogIdentifier: 'M365-COPILOT', price: 30, cost: 27, kind: 'addon', servicePlans: [] },
	{ skuId: 'f30db892-07e9-47e9-837c-80727f46fd3d', skuPartNumber: 'FLOW_FREE', productName: 'Microsoft Power Automate Free', catalogIdentifier: 'FLOW-FREE', price: 0, cost: 0, kind: 'free', servicePlans: [FLOW_P2_VIRAL] },
];

export const BASE_SKUS = SKUS.filter((sku) => sku.kind === 'base');
export const ADDON_SKUS = SKUS.filter((sku) => sku.kind === 'addon');
export const FREE_SKUS = SKUS.filter((sku) => sku.kind === 'free');
