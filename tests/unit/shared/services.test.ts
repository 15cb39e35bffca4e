/** The service list is open: a PSA node adds its service, its label and (if needed) its error-body reader. */
import { serviceLabel } from '../../../nodes/shared/apiError';
import { parseErrorBody, registerService } from '../../../nodes/shared/errorBodies';
import { createApiError } from '../../../nodes/shared/errors';

describe('services beyond the known four', () => {
	test.each([
		['{ errors: [text] } (Autotask)', { errors: ['Contract 12 not found', 'Second problem'] }, { message: 'Contract 12 not found — Second problem' }],
		['{ errors: [{ message }] }', { errors: [{ message: 'Bad value' }] }, { message: 'Bad value' }],
		['{ code, message }', { code: 'E1', message: 'Broken' }, { code: 'E1', message: 'Broken' }],
		['{ error: { code, message } }', { error: { code: 'Denied', message: 'No access' } }, { code: 'Denied', message: 'No access' }],
		['{ error: text }', { error: 'invalid_client' }, { message: 'invalid_client' }],
		['text', 'Service down', { message: 'Service down' }],
	])('an unregistered service: %s', (_name, body, parsed) => {
		expect(parseErrorBody('someNewPsa', body)).toEqual(expect.objectContaining(parsed));
	});

	test('an unregistered service is named by its own name; a registered one by its label and reader', () => {
		expect(serviceLabel('halo')).toBe('halo');
		registerService('halo', 'HaloPSA', (o) => ({ code: String(o.id), message: String(o.text) }));
		expect(serviceLabel('halo')).toBe('HaloPSA');
		const error = createApiError({ service: 'halo', status: 400, body: { id: 7, text: 'Quantity is read-only' }, action: 'update line 5' });
		expect(error.message).toBe('Could not update line 5: HaloPSA answered 400: Quantity is read-only');
		expect(error.details.code).toBe('7');
	});

	test('the known services keep their labels and readers', () => {
		expect(serviceLabel('connectWise')).toBe('ConnectWise PSA');
		expect(parseErrorBody('connectWise', { code: 'InvalidObject', message: 'Bad', errors: [{ field: 'quantity', message: 'too big' }] })).toEqual({ code: 'InvalidObject', message: 'Bad — quantity: too big' });
	});
});
