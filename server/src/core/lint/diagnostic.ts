import type { Range } from '../syntax/model';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix for the diagnostic's main cause: editors offer it first and apply it on "auto fix". */
  isPreferred: boolean;
}

/**
 * A change of a lint setting that answers a diagnostic, not an edit of the file: the SSH ports, when
 * the file shows sshd listening elsewhere. An editor that can change its settings offers it.
 */
export interface SettingFix {
  title: string;
  /** The setting's key: `firewallRules.<key>` in the editor, `<key>` in `.firewall-rules.json`. */
  setting: 'sshPorts';
  value: number[];
  /** Preferred over the diagnostic's edits: the setting, not the file, is most likely wrong. */
  isPreferred: boolean;
}

/** A line of the file by its 0-based index: a message shows it 1-based, as iptables counts lines. */
export interface LineRef {
  readonly line: number;
}

/**
 * Another message of the same check, filled in with its own data: a phrase that varies with the case,
 * such as what dropped a packet (`the rule on line {at}`), with the lines it names kept as data.
 */
export interface MessagePart {
  readonly messageId: string;
  readonly data?: MessageData;
}

/** A value a message template names: text, a number, a line of the file, or a phrase of the same check. */
export type MessageValue = string | number | LineRef | MessagePart;

/** The values a message's `{name}` placeholders stand for. */
export type MessageData = Readonly<Record<string, MessageValue>>;

export interface RelatedInfo {
  range: Range;
  /** The rendered text: the template `messageId` names, filled in with `data`. */
  message: string;
  messageId: string;
  data: MessageData;
}

export interface Diagnostic {
  code: string;
  severity: Severity;
  /** The rendered text: the check's template `messageId`, filled in with `data`. */
  message: string;
  /** The key of the template in the check's `meta.messages`. */
  messageId: string;
  data: MessageData;
  range: Range;
  related: RelatedInfo[];
  fixes: Fix[];
  /** Settings to change instead of the file (none when absent). */
  settingFixes?: SettingFix[];
}
