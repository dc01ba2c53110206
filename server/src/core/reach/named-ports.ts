// Which ports the rules of a file name, for finding a port that none names (reach.ts's unnamedPort).
// Built as the parse goes, through its index hook (analysis/rule-facts.ts passes `add`), or by one
// pass over the rules for a parse made without it.
import type { ParsedFile, RuleLine } from '../syntax/model';
import { namedPortOf } from './evaluate';

export class NamedPorts {
  /** 1 for each port that a rule's only port option names (see namedPortOf). */
  readonly marked = new Uint8Array(65536);
  /** The rule lines whose port options need reading to know the ports they name (lists, ranges, several). */
  readonly lists: RuleLine[] = [];

  /** Files a rule line (a property, so the parse can be handed it as its index hook). */
  readonly add = (line: RuleLine): void => {
    const port = namedPortOf(line.rule);
    if (port >= 0) this.marked[port] = 1;
    else if (port === -2) this.lists.push(line);
  };
}

const byFile = new WeakMap<ParsedFile, NamedPorts>();

/** Keeps the index the parse of `file` built. */
export function keepNamedPorts(file: ParsedFile, ports: NamedPorts): void {
  byFile.set(file, ports);
}

/** The index of `file`: the one its parse built, or one built now. */
export function namedPortsOf(file: ParsedFile): NamedPorts {
  let ports = byFile.get(file);
  if (!ports) {
    ports = new NamedPorts();
    for (const line of file.lines) if (line.kind === 'rule') ports.add(line);
    byFile.set(file, ports);
  }
  return ports;
}
