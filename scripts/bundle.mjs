// Bundles the extension (client), the language server and the CLI with esbuild.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };
const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'], minify: true },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js' },
  // @napi-rs/xattr is a native module: `--fix` loads it from node_modules at run time.
  { ...common, entryPoints: ['server/src/cli.ts'], outfile: 'server/out/cli.js', banner: { js: '#!/usr/bin/env node' }, external: ['@napi-rs/xattr'] },
];

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('bundle: watching');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
