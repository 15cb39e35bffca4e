/**
 * License Reconcile at scale: 20,000 links (10,000 tenants × 2 SKUs) reconciled in-process
 * against a realistic mix of existing, changed, guarded and new lines, with the company and
 * agreement facts the real chain supplies (company check, agreement type). Prints figures only.
 */
import * as os from 'node:os';
import { MANAGED_MARKER, reconcile, splitPlan, type Row } from '../nodes/LicenseReconcile/core';

const LINKS = 20_000;
const SKUS = ['05e9a617-0261-4cee-bb44-138d3ef5d965', '06ebc4ee-1bb5-47dd-8120-11324bc54e06'];

function book() {
	const licenses: Row[] = [];
	const links: Row[] = [];
	const additions: Row[] = [];
	for (let n = 0; n < LINKS; n++) {
		const tenantId = `tenant-${Math.floor(n / 2)}`;
		const skuId = SKUS[n % 2];
		const purchased = 5 + (n % 40);
		const users = Array.from({ length: n % 10 === 0 ? 60 : 3 }, (_, u) => `user${u}@${tenantId}.example.com`);
		licenses.push({ tenantId, skuId, skuPartNumber: n % 2 ? 'SPE_E5' : 'SPE_E3', productName: n % 2 ? 'Microsoft 365 E5' : 'Microsoft 365 E3', purchased, assigned: purchased - 1, users });
		// Company and agreement facts as the core template and the ConnectWise node supply them (C2).
		const companyId = 1 + Math.floor(n / 2);
		links.push({ tenantId, companyId, skuIds: [skuId], agreementId: 10_000 + n, billingProfile: n % 2 ? 'E5' : 'E3', showUsernames: n % 3 === 0, showUnassigned: true, prorate: 'increases', agreementProrate: true, billingCycle: 'Monthly' });
		const facts = { agreementStatus: 'Active', agreementStartDate: '2025-01-01', agreementType: 'Managed Services', agreementCompanyId: companyId, agreementEndDate: null, agreementNoEndingDate: true };
		if (n % 5 === 0) additions.push({ kind: 'agreement', agreementId: 10_000 + n, additionId: null, ...facts });
		if (n % 5 !== 0) {
			const quantity = n % 7 === 0 ? purchased - 1 : purchased;
			additions.push({ agreementId: 10_000 + n, additionId: n + 1, productIdentifier: n % 2 ? 'M365-E5' : 'M365-E3', quantity, lessIncluded: 0, billCustomer: 'Billable', invoiceDescription: n % 3 === 0 ? 'stale' : `${n % 2 ? 'Microsoft 365 E5' : 'Microsoft 365 E3'}\nUnassigned: 1`, effectiveDate: '2026-01-01', cancelledDate: null, serialNumber: MANAGED_MARKER, managed: true, ...facts });
		}
	}
	const profiles: Row[] = [
		{ name: 'E3', productIdentifier: 'M365-E3', billCustomer: 'Billable', agreementTypes: ['Managed Services'] },
		{ name: 'E5', productIdentifier: 'M365-E5', billCustomer: 'Billable', unitPrice: 54, agreementTypes: ['Managed Services'] },
	];
	return { licenses, links, profiles, additions };
}

test(`reconcile ${LINKS} links`, () => {
	const b = book();
	const options = { referenceDate: '2026-03-10', timeZone: 'Europe/London' };
	reconcile(b.licenses, b.links, b.profiles, b.additions, options); // warm-up (JIT)
	const runs: number[] = [];
	const cpu: number[] = [];
	let plan = reconcile(b.licenses, b.links, b.profiles, b.additions, options);
	for (let i = 0; i < 5; i++) {
		const start = process.hrtime.bigint();
		const startCpu = process.cpuUsage();
		plan = reconcile(b.licenses, b.links, b.profiles, b.additions, options);
		runs.push(Number(process.hrtime.bigint() - start) / 1e6);
		const used = process.cpuUsage(startCpu);
		cpu.push((used.user + used.system) / 1000);
	}
	const outputs = splitPlan(plan, (item) => item);
	const median = [...runs].sort((a, b) => a - b)[2];
	process.stdout.write(
		`license-reconcile: ${LINKS} links → ${plan.length} plan items in ${median.toFixed(0)} ms median of 5 ` +
			`(min ${Math.min(...runs).toFixed(0)}, max ${Math.max(...runs).toFixed(0)}; CPU median ${[...cpu].sort((a, b) => a - b)[2].toFixed(0)} ms), ` +
			`${Math.round((LINKS * 1000) / median)} links/s; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs; ` +
			`changes ${outputs.changes.length}, unchanged ${outputs.unchanged.length}, needs approval ${outputs.needsApproval.length}, not synced ${outputs.notSynced.length}; ` +
			`heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB\n`,
	);
	expect(plan.length).toBe(LINKS);
});
