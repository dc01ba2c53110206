import type { ArgForm, Family } from './forms';
import type { Releases } from './releases';

export interface OptionSpec {
  /** Long name without dashes: the one iptables-save prints. */
  name: string;
  aliases: readonly string[];
  form: ArgForm;
  /** May be preceded by `!`. */
  invert: boolean;
  /** May be given more than once. */
  multi: boolean;
  /**
   * Given twice in these releases, the extension's own parse function refuses it with this message
   * (where its table still let the option repeat); other releases print xtables's "can only be used once.".
   */
  repeated?: { releases: Releases; message: string };
  /** Only in this family's binary. */
  family?: Family;
  /** Options it cannot be combined with. */
  excl: readonly string[];
  /** Options it needs. */
  also: readonly string[];
  /** The kernel refuses it unless `-p` names one of these protocols. */
  protocols?: readonly string[];
  /** Built-in chains (hooks) the kernel allows it from. */
  hooks?: readonly string[];
  /** Tables the kernel allows it in. */
  tables?: readonly string[];
  /**
   * The spelling iptables prints in its messages, where it is not `name`: libxtables names an
   * option by the first entry of its id in the option table (udp's `--sport` is "--source-port").
   */
  printed?: string;
  /**
   * An extension's own refusal of the option given again, in its words (getopt parsers such as
   * set's); `with` are the options that take the same place (`--packets-lt` after `--packets-eq`).
   */
  once?: { message: string; with?: readonly string[] };
  /** An extension's own refusal of `!` before the option, in its words. */
  invertMessage?: string;
  /** Options that write the same field of the extension's data: the one given last is what loads. */
  sameField?: readonly string[];
  /** Its first argument names an object of the host, which must exist when the rule loads. */
  object?: HostObjectKind;
  help: string;
}

/**
 * Objects a rule may name that live outside the rules file: ipset sets (`ipset create`), nfacct
 * objects (`nfacct add`) and connlabel names (/etc/xtables/connlabel.conf).
 */
export type HostObjectKind = 'ipset' | 'nfacct' | 'connlabel';

export interface ExtensionSpec {
  name: string;
  kind: 'match' | 'target';
  /** Only in iptables (ipv4) or ip6tables (ipv6); both when absent. */
  family?: Family;
  help: string;
  options: readonly OptionSpec[];
  /** iptables refuses it with no option at all. */
  needsOption?: boolean;
  /** One of these must be given: iptables says `option "--X" must be specified`. */
  required?: readonly string[];
  /** Further groups of which one option each must be given. */
  requiredGroups?: readonly (readonly string[])[];
  /** The kernel refuses it unless `-p` names one of these protocols. */
  protocols?: readonly string[];
  /** iptables itself, not the kernel, refuses the missing protocol with this message. */
  protocolMessage?: string;
  /** Tables the kernel allows it in. */
  tables?: readonly string[];
  /** Built-in chains (hooks) the kernel allows it from. */
  hooks?: readonly string[];
  /** Tables the legacy kernel (x_tables) allows it in, where iptables-nft takes it in any. */
  legacyTables?: readonly string[];
  /** The legacy kernel refuses it in a rule without a tcp match of SYN packets (iptables-nft does not ask). */
  legacyNeedsSyn?: boolean;
  /** The kernel no longer has it: the load fails. */
  removed?: string;
  /**
   * The options in the order of their ids in iptables's table, where that differs from the table's
   * order: the final check takes the options given in table order, and for each the others in id order.
   */
  idOrder?: readonly string[];
}
