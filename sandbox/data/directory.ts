/**
 * What custom counts read (#18): user attributes a tenant split uses, Entra groups with nested
 * groups, and the mailbox usage report. Drawn from its own random stream after everything else,
 * so the rest of the seeded data is exactly what it was before.
 *
 * Every tenant gets:
 * - attributes on each user: department (some blank), an office (officeLocation, city, state) of
 *   the tenant's one to three offices, companyName;
 * - groups "All Staff" (every user), "Managed Users" (nested "Managed Sales" and "Managed
 *   Support", some direct users — one of them also in a nested group —, and a device), and the two
 *   nested groups themselves;
 * - mailboxes: a user mailbox per licensed user, one or two shared mailboxes, a room, and a
 *   deleted user mailbox.
 * One tenant in five (and always the third) is a split tenant: its users work for two
 * subsidiaries (companyName "<name> North" / "<name> South"), some for neither.
 */
import type { Random } from '../random';
import type { GraphUser, SandboxGroup, SandboxMailbox, Tenant } from '../types';

const DEPARTMENTS = ['Sales', 'Support', 'Finance', 'Engineering'];
const OFFICES = [
	{ officeLocation: 'London HQ', city: 'London', state: 'England' },
	{ officeLocation: 'Manchester', city: 'Manchester', state: 'England' },
	{ officeLocation: 'Austin Office', city: 'Austin', state: 'TX' },
	{ officeLocation: 'Denver Office', city: 'Denver', state: 'CO' },
	{ officeLocation: 'Berlin Büro', city: 'Berlin', state: 'BE' },
];

type DirectoryUser = GraphUser & { department?: string | null; companyName?: string | null; officeLocation?: string | null; city?: string | null; state?: string | null };

export function isSplitTenant(index: number): boolean {
	return index % 5 === 2;
}

function setAttributes(tenant: Tenant, split: boolean, random: Random): void {
	const offices = random.shuffle([...OFFICES]).slice(0, random.int(1, 3));
	for (const user of tenant.users as DirectoryUser[]) {
		const office = random.pick(offices);
		user.department = random.chance(0.1) ? null : random.pick(DEPARTMENTS);
		user.officeLocation = office.officeLocation;
		user.city = office.city;
		user.state = office.state;
		const roll = random.next();
		user.companyName = split ? (roll < 0.45 ? `${tenant.name} North` : roll < 0.9 ? `${tenant.name} South` : null) : roll < 0.9 ? tenant.name : null;
	}
}

function makeGroups(tenant: Tenant, random: Random): SandboxGroup[] {
	const users = tenant.users as DirectoryUser[];
	const ids = users.map((u) => u.id);
	const inDepartment = (department: string) => users.filter((u) => u.department === department).map((u) => u.id);
	const sales: SandboxGroup = { id: random.guid(), displayName: 'Managed Sales', memberUserIds: inDepartment('Sales'), memberGroupIds: [], otherMemberIds: [] };
	const support: SandboxGroup = { id: random.guid(), displayName: 'Managed Support', memberUserIds: inDepartment('Support'), memberGroupIds: [], otherMemberIds: [] };
	const others = users.filter((u) => u.department !== 'Sales' && u.department !== 'Support').map((u) => u.id);
	// One direct member is also in a nested group: transitive membership lists them once.
	const direct = [...others.filter(() => random.chance(0.5)), ...sales.memberUserIds.slice(0, 1)];
	const managed: SandboxGroup = { id: random.guid(), displayName: 'Managed Users', memberUserIds: direct, memberGroupIds: [sales.id, support.id], otherMemberIds: [random.guid()] };
	const all: SandboxGroup = { id: random.guid(), displayName: 'All Staff', memberUserIds: ids, memberGroupIds: [], otherMemberIds: [] };
	return [all, managed, sales, support];
}

function makeMailboxes(tenant: Tenant, random: Random): SandboxMailbox[] {
	const domain = tenant.defaultDomain;
	const mailboxes: SandboxMailbox[] = tenant.users
		.filter((u) => (u.assignedLicenses ?? []).length > 0)
		.map((u) => ({ userPrincipalName: u.userPrincipalName, displayName: u.displayName ?? u.userPrincipalName, recipientType: 'User' as const, isDeleted: false }));
	mailboxes.push({ userPrincipalName: `info@${domain}`, displayName: 'Info', recipientType: 'Shared', isDeleted: false });
	if (random.chance(0.5)) mailboxes.push({ userPrincipalName: `accounts@${domain}`, displayName: 'Accounts', recipientType: 'Shared', isDeleted: false });
	mailboxes.push({ userPrincipalName: `boardroom@${domain}`, displayName: 'Boardroom', recipientType: 'Room', isDeleted: false });
	mailboxes.push({ userPrincipalName: `former.employee@${domain}`, displayName: 'Former Employee', recipientType: 'User', isDeleted: true });
	return mailboxes;
}

export function addDirectory(tenants: Tenant[], random: Random): void {
	tenants.forEach((tenant, index) => {
		tenant.split = isSplitTenant(index);
		setAttributes(tenant, tenant.split, random);
		tenant.groups = makeGroups(tenant, random);
		tenant.mailboxes = makeMailboxes(tenant, random);
	});
}

/** A group's user members through nested groups, each once, in a stable order. */
export function transitiveUserIds(tenant: Tenant, groupId: string): string[] {
	const byId = new Map(tenant.groups.map((g) => [g.id, g]));
	const seen = new Set<string>();
	const users = new Set<string>();
	const visit = (id: string): void => {
		const group = byId.get(id);
		if (!group || seen.has(id)) return;
		seen.add(id);
		group.memberUserIds.forEach((userId) => users.add(userId));
		group.memberGroupIds.forEach(visit);
	};
	visit(groupId);
	return [...users];
}
