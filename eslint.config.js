// Each folder is one layer, declared once in layers.config.js; the `layers/imports` rule
// generated from it checks every import (paths and packages) of every file under src/.
// Core is pure on top of that: no clock, no randomness, no browser or Node globals.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { layersPlugin } from './eslint/layers-rule.js';

const noRawHtml = [
  { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Feed text is plain text: no raw HTML.' },
  { selector: "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]", message: 'Feed text is plain text: no raw HTML.' },
  { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Feed text is plain text: no raw HTML.' },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-artifacts/**', 'bench/pages/vendor/**', 'schema/**'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', ...noRawHtml],
    },
  },
  {
    files: ['src/**/*.{ts,tsx,js,mjs}'],
    plugins: { layers: layersPlugin },
    rules: { 'layers/imports': 'error' },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'setTimeout', 'setInterval', 'fetch'],
      'no-restricted-syntax': [
        'error',
        ...noRawHtml,
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'core takes the clock as an argument: pass `now` in.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'core takes the clock as an argument: pass `now` in.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'core is deterministic: pass a random source in.' },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'src/console-ui/**/*.{ts,tsx}', 'src/web/**/*.ts'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['src/main/**/*.ts', 'src/preload/**/*.ts', 'src/node/**/*.ts', 'src/server/**/*.ts', 'src/app/**/*.ts', 'src/cli/**/*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['tests/**/*.{ts,mjs}', 'bench/**/*.{ts,js,mjs}', 'scripts/**/*.{ts,js,mjs}', 'bin/**/*.js', 'eslint/**/*.js', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
