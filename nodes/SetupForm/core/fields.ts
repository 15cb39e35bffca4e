/** The n8n Form node's "Define form using JSON" field shapes (n8n 2.41, Form v2.5). */

export interface DropdownField {
	fieldType: 'dropdown';
	fieldLabel: string;
	fieldName: string;
	fieldOptions: { values: Array<{ option: string }> };
	defaultValue?: string;
	requiredField: boolean;
}

export interface TextField {
	fieldType: 'text' | 'number' | 'date';
	fieldLabel: string;
	fieldName: string;
	defaultValue?: string | number;
	placeholder?: string;
	requiredField?: boolean;
}

export interface HtmlField {
	fieldType: 'html';
	html: string;
}

export type FormField = DropdownField | TextField | HtmlField;

/** What a Form page node shows: its title, description, button and fields (as the JSON text the node reads). */
export interface FormPage {
	title: string;
	description: string;
	button: string;
	fields: string;
}

export function dropdown(fieldName: string, fieldLabel: string, options: string[], defaultValue?: string): DropdownField {
	const field: DropdownField = { fieldType: 'dropdown', fieldLabel, fieldName, fieldOptions: { values: options.map((option) => ({ option })) }, requiredField: true };
	if (defaultValue !== undefined && options.includes(defaultValue)) field.defaultValue = defaultValue;
	return field;
}

export function html(content: string): HtmlField {
	return { fieldType: 'html', html: content };
}

export function page(title: string, description: string, button: string, fields: FormField[]): FormPage {
	return { title, description, button, fields: JSON.stringify(fields) };
}
