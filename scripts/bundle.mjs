// Bundles the extension (client), the language server and the CLI with esbuild.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const CLIENT_BANNER = '/*! Includes vscode-languageclient, vscode-languageserver-protocol, vscode-languageserver-types and vscode-jsonrpc (MIT License, Copyright (c) Microsoft Corporation) and semver (ISC License, Copyright (c) Isaac Z. Schlueter and Contributors). */';
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };
const builds = [
  // The client holds vscode-languageclient and what it needs; minified, with their licences named.
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'], minify: true, banner: { js: CLIENT_BANNER } },
  // @napi-rs/xattr is a native module, loaded from node_modules at run time (by `--fix`, and by the
  // config search to read ACLs); where it is missing, both say so or do without.
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js', external: ['@napi-rs/xattr'] },
  { ...common, entryPoints: ['server/src/cli.ts'], outfile: 'server/out/cli.js', banner: { js: '#!/usr/bin/env node' }, external: ['@napi-rs/xattr'] },
];

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('bundle: watching');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
