// When the extension's bundle started running. Imported first by extension.ts, so the time counts
// the loading of everything else in the bundle (vscode-languageclient above all).
export const loadedAt = performance.now();
