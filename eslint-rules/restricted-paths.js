// @ts-check
/**
 * `twostep/restricted-paths`: forbids imports by where they land, not by how they are spelt.
 *
 * A pattern on the import string (`no-restricted-imports`) misses `'../background'` when it only lists
 * `'**\/background/**'`, and every new spelling is another hole. This rule resolves each relative
 * specifier against the importing file's folder (trying `.ts`, `.tsx`, `.js`, `/index.ts`, `/index.tsx`
 * as the bundler does), then checks the resulting file against the zones. Bare specifiers (packages)
 * are matched by package name. It does what eslint-plugin-import's `no-restricted-paths` does for our
 * layout, without a dependency that drags in its own resolver.
 *
 * Options: `{ root, zones: [{ target, from, message }] }`. `target` and `from` are paths relative to
 * `root` (a folder or a file), or package names prefixed with `pkg:` in `from`.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';

const EXTENSIONS = ['', '.ts', '.tsx', '.js', '/index.ts', '/index.tsx', '/index.js'];

/** The file a relative specifier names, or the bare joined path when no such file exists (yet). */
export function resolveSpecifier(fromFile, specifier, root) {
  const path = specifier.replace(/[?#].*$/, '');
  const base = path.startsWith('/') ? resolve(root, `.${path}`) : resolve(dirname(fromFile), path);
  for (const ext of EXTENSIONS) {
    const candidate = base + ext;
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return base;
}

/** True when `file` is `area` itself, or inside the folder `area`, or `area` plus an extension. */
function within(file, area) {
  const rel = relative(area, file);
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) return true;
  return EXTENSIONS.some((ext) => ext !== '' && file === area + ext);
}

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** @type {import('eslint').Rule.RuleModule} */
export const restrictedPaths = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid imports that cross the layering, judged on the resolved path.' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          zones: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                target: { type: 'array', items: { type: 'string' } },
                from: { type: 'array', items: { type: 'string' } },
                message: { type: 'string' },
              },
              required: ['target', 'from', 'message'],
              additionalProperties: false,
            },
          },
        },
        required: ['root', 'zones'],
        additionalProperties: false,
      },
    ],
    messages: { restricted: "'{{specifier}}' resolves into {{area}}: {{message}}" },
  },
  create(context) {
    const { root, zones } = /** @type {{root: string, zones: {target: string[], from: string[], message: string}[]}} */ (context.options[0]);
    const file = context.filename;
    const active = zones.filter((zone) => zone.target.some((t) => within(file, resolve(root, t))));
    if (active.length === 0) return {};

    /** @param {import('estree').Node | null | undefined} source */
    function check(source) {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const specifier = source.value;
      const relativeSpec = specifier.startsWith('.') || specifier.startsWith('/');
      const resolved = relativeSpec ? resolveSpecifier(file, specifier, root) : null;
      for (const zone of active) {
        for (const area of zone.from) {
          const hit = area.startsWith('pkg:')
            ? !relativeSpec && packageName(specifier) === area.slice(4)
            : resolved !== null && within(resolved, resolve(root, area));
          if (hit) {
            context.report({ node: source, messageId: 'restricted', data: { specifier, area: area.replace(/^pkg:/, ''), message: zone.message } });
            return;
          }
        }
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      // `import('../background/x').Type` in a type position, and `import x = require('...')`.
      /** @param {any} node */
      TSImportType: (node) => check(node.source),
      /** @param {any} node */
      TSExternalModuleReference: (node) => check(node.expression),
    };
  },
};

export default { rules: { 'restricted-paths': restrictedPaths } };
