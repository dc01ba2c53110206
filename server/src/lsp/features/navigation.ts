// Navigation between a chain's declaration and its uses: definition, references, highlight, rename.
import { DocumentHighlightKind, ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { badChainName, chainAt, chainRefs, refRange, type ChainRef, type ParsedFile } from '../../core';
import { isBuiltinChain } from '../../core/kb/tables';
import type { ServerContext } from '../context';

const refsAt = (file: ParsedFile, line: number, character: number): ChainRef[] => {
  const at = chainAt(file, line, character);
  return at ? chainRefs(at.block, at.name) : [];
};


export function registerNavigation(ctx: ServerContext): void {
  const { connection, withFile } = ctx;
  connection.onDefinition(async (params) =>
    withFile(params.textDocument.uri, (doc, file) =>
      refsAt(file, params.position.line, params.position.character)
        .filter((r) => r.kind === 'declaration')
        .map((r) => ({ uri: doc.uri, range: refRange(r) })),
    ),
  );
  connection.onReferences(async (params) =>
    withFile(params.textDocument.uri, (doc, file) =>
      refsAt(file, params.position.line, params.position.character)
        .filter((r) => params.context.includeDeclaration || r.kind !== 'declaration')
        .map((r) => ({ uri: doc.uri, range: refRange(r) })),
    ),
  );
  connection.onDocumentHighlight(async (params) =>
    withFile(params.textDocument.uri, (_doc, file) =>
      refsAt(file, params.position.line, params.position.character).map((r) => ({ range: refRange(r), kind: r.kind === 'command' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read })),
    ),
  );
  registerRename(ctx);
}

function registerRename({ connection, withFile }: ServerContext): void {
  connection.onPrepareRename(async (params) =>
    withFile(params.textDocument.uri, (_doc, file) => {
      const at = chainAt(file, params.position.line, params.position.character);
      if (!at || isBuiltinChain(at.block.name, at.name)) return null;
      const here = chainRefs(at.block, at.name).find((r) => r.line === params.position.line && params.position.character >= r.start && params.position.character <= r.end);
      return here ? { range: refRange(here), placeholder: at.name } : null;
    }),
  );
  connection.onRenameRequest(async (params) =>
    withFile(params.textDocument.uri, (doc, file) => {
      const at = chainAt(file, params.position.line, params.position.character);
      if (!at) return null;
      if (isBuiltinChain(at.block.name, at.name)) throw new ResponseError(ErrorCodes.InvalidRequest, `${at.name} is a built-in chain and cannot be renamed.`);
      const why = badChainName(params.newName, at.block, file.family);
      if (why) throw new ResponseError(ErrorCodes.InvalidRequest, why);
      return { changes: { [doc.uri]: chainRefs(at.block, at.name).map((r) => ({ range: refRange(r), newText: params.newName })) } };
    }),
  );
}
