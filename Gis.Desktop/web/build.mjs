// Bundles the page for Gis.Desktop: src/main.js (with OpenLayers and its CSS) into dist/app.js and dist/app.css,
// and copies src/index.html. Run by the MSBuild target in Gis.Desktop.csproj; dist/ is embedded in the assembly.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';

await mkdir('dist', { recursive: true });
await build({
  entryPoints: { app: 'src/main.js' },
  bundle: true,
  minify: true,
  sourcemap: false,
  format: 'esm',
  target: ['chrome110', 'firefox110'],
  outdir: 'dist',
  logLevel: 'warning',
  legalComments: 'eof',
});
await copyFile('src/index.html', 'dist/index.html');
