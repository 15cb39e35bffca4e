// Copies what tsc does not: node icons, codex files, data and workflow templates.
const { src, dest, parallel } = require('gulp');

function icons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(dest('dist'));
}
function codex() {
	return src('nodes/**/*.node.json', { base: '.' }).pipe(dest('dist'));
}
function data() {
	return src('nodes/shared/data/*.json', { base: '.', allowEmpty: true }).pipe(dest('dist'));
}
function templates() {
	return src('workflows-templates/*.json', { base: '.', allowEmpty: true }).pipe(dest('dist'));
}

exports.build = parallel(icons, codex, data, templates);
