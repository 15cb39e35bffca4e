/**
 * Runs the shipped onboarding workflow through its form, as a person in the browser would:
 * auto-map saves its confident matches; the tenants it was unsure about are listed and left
 * for a person (answered "Skip", so the form can be opened again to decide).
 */
import { openForm, submitForm, useFormLogin } from '../../tests/e2e/support/formClient';
import { FORMS_LOGIN } from '../../tests/e2e/templates/templates';
import type { ReviewItem } from './report';

const REVIEW_PAGE = 'Choose the company for each tenant';
const NOT_A_COMPANY = new Set(['Find another company…', 'Skip for now']);
const ON_THIS_PAGE = 'On this page';
const FINISH = 'Save the choices below and finish (skip the remaining tenants)';
const PSA_FIELD = 'PSA your customers are billed in';

/** `psa`: the start page's answer to "PSA your customers are billed in" (e.g. "Autotask PSA"). */
export async function runOnboarding(formUrl: string, psa: string): Promise<ReviewItem[]> {
	// The form asks for the login of the "M365 forms login" credential, as a browser would.
	useFormLogin(FORMS_LOGIN);
	const start = await openForm(formUrl);
	const outcome = await submitForm(start, { [PSA_FIELD]: psa });
	if (outcome.kind !== 'page') throw new Error(`the onboarding workflow ended without a page (${outcome.status})`);
	if (outcome.page.title !== REVIEW_PAGE) return [];
	const tenants = outcome.page.fields.filter((field) => field.kind === 'select' && field.label !== ON_THIS_PAGE);
	const review = tenants.map((field) => ({ tenant: field.label, bestGuess: field.options.find((option) => !NOT_A_COMPANY.has(option)) ?? null }));
	// Left for a person: every tenant of the first page skipped, and the session finished (nothing saved).
	const answers: Record<string, string> = { [ON_THIS_PAGE]: FINISH };
	for (const field of tenants) answers[field.key] = 'Skip for now';
	await submitForm(outcome.page, answers);
	return review;
}
