// Builds ../plotly.min.js from entry.cjs: `npm ci && npm run build` here.
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
const { version } = require('plotly.js/package.json');

await build({
    entryPoints: ['entry.cjs'],
    outfile: '../plotly.min.js',
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: 'Plotly',
    // As plotly.js builds its own bundles (its esbuild-config.js).
    define: { global: 'window', 'define.amd': 'false' },
    target: 'es2016',
    // Map styles come with the core; cxdash draws no maps.
    loader: { '.css': 'empty' },
    legalComments: 'eof',
    banner: { js: `/* plotly.js v${version} (MIT), cxdash's traces only: see entry.cjs */` },
    logLevel: 'info',
});
