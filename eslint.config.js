// Each folder is one environment, and lint enforces it (as in Signal Desktop):
// core is pure, the renderer never reaches Node or Electron, main never renders.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const NODE_MODULES = ['fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'stream', 'url', 'zlib', 'worker_threads'];
const nodeImports = [
  { group: ['node:*'], message: 'Node built-ins belong in src/node, src/server, src/main or src/cli.' },
  ...NODE_MODULES.map((m) => ({ group: [m, `${m}/*`], message: 'Node built-ins belong in src/node, src/server, src/main or src/cli.' })),
];
const electronImport = { group: ['electron', 'electron/*'], message: 'Only src/main and src/preload talk to Electron.' };
const domOnly = { group: ['react', 'react-dom', 'react-dom/*'], message: 'React belongs in src/renderer.' };
const noRawHtml = [
  { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Feed text is plain text: no raw HTML.' },
  { selector: "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]", message: 'Feed text is plain text: no raw HTML.' },
  { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Feed text is plain text: no raw HTML.' },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-artifacts/**', 'bench/pages/vendor/**', 'schema/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', ...noRawHtml],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...nodeImports, electronImport, domOnly] }],
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
    files: ['src/renderer/**/*.{ts,tsx}', 'src/console-ui/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [...nodeImports, electronImport] }],
    },
  },
  {
    files: ['src/main/**/*.ts', 'src/preload/**/*.ts', 'src/node/**/*.ts', 'src/server/**/*.ts', 'src/app/**/*.ts', 'src/cli/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: { 'no-restricted-imports': ['error', { patterns: [domOnly] }] },
  },
  {
    files: ['src/node/**/*.ts', 'src/server/**/*.ts', 'src/app/**/*.ts', 'src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [electronImport, domOnly] }] },
  },
  {
    files: ['tests/**/*.{ts,mjs}', 'bench/**/*.{ts,js,mjs}', 'scripts/**/*.{ts,js,mjs}', 'bin/**/*.js', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
