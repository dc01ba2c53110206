import { findingCheck } from '../lint/finding-check';
import { KERNEL_MESSAGES, kernelFindings } from '../analysis/kernel-verdict';
import { passFindings } from '../analysis/block-pass';
import { READ_MESSAGES } from '../analysis/rule-problems';

export const unknownExtension = findingCheck({
  code: 'unknown-extension',
  severity: 'error',
  scope: 'line',
  title: 'Match or target that does not exist',
  messages: { ...READ_MESSAGES, ...KERNEL_MESSAGES['unknown-extension'] },
  fixable: false,
  docs: {
    summary: 'A `-m NAME` that iptables has no module for, or a target the running kernel no longer has (ULOG).',
    why: [
      'iptables-restore loads each `-m` module by name. A typo (`-m conntrak`), a module of the other family',
      '(`-m icmp6` in an IPv4 file) or an out-of-tree module that is not installed (`-m geoip`) stops the file',
      'with ``Couldn\'t load match `NAME\':No such file or directory``. ULOG was removed from Linux 3.17, so its',
      'rules fail when the kernel checks them.',
    ].join('\n'),
    bad: '*filter\n-A INPUT -m conntrak --ctstate ESTABLISHED -j ACCEPT\nCOMMIT\n',
    good: '*filter\n-A INPUT -m conntrack --ctstate ESTABLISHED -j ACCEPT\nCOMMIT\n',
    fix: 'Correct the name, or install the module that provides it. Use NFLOG instead of ULOG.',
  },
}, (file) => [...passFindings(file, 'unknown-extension'), ...kernelFindings(file, 'unknown-extension')]);
