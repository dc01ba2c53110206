// Short docs for the values people write in rules: ports, ICMP types, conntrack states, reject
// types, protocols, tables. Port names follow the IANA registry; the text is ours.

export interface PortDoc {
  name: string;
  what: string;
}

/** Ports a mail or admin host's firewall names, with the IANA service name and what they carry. */
export const PORT_DOCS: Readonly<Record<number, PortDoc>> = {
  20: { name: 'ftp-data', what: 'FTP data connections (active mode). Plain text.' },
  21: { name: 'ftp', what: 'FTP control: logins and commands in plain text; prefer SFTP over SSH.' },
  22: { name: 'ssh', what: 'Secure Shell (RFC 4253): remote logins, SFTP and scp. Usually the only way into a remote server.' },
  23: { name: 'telnet', what: 'Telnet: remote logins in plain text. Should not be open.' },
  25: { name: 'smtp', what: 'SMTP (RFC 5321): mail from other servers to this one. Must be open on a mail server that receives mail.' },
  53: { name: 'domain', what: 'DNS (RFC 1035): name lookups, over UDP and TCP.' },
  80: { name: 'http', what: 'HTTP: web pages and webmail without TLS, and ACME certificate challenges.' },
  110: { name: 'pop3', what: 'POP3 (RFC 1939) without TLS: mail clients download mail, sending the password in plain text. Prefer 995.' },
  123: { name: 'ntp', what: 'NTP (RFC 5905): clock synchronisation, over UDP.' },
  143: { name: 'imap', what: 'IMAP (RFC 9051) without TLS: mail clients read mail, sending the password in plain text. Prefer 993.' },
  161: { name: 'snmp', what: 'SNMP: monitoring queries, over UDP.' },
  389: { name: 'ldap', what: 'LDAP: directory lookups, plain text unless STARTTLS.' },
  443: { name: 'https', what: 'HTTPS: web pages and webmail over TLS.' },
  465: { name: 'submissions', what: 'Mail submission over implicit TLS (RFC 8314): mail clients sending mail.' },
  587: { name: 'submission', what: 'Mail submission (RFC 6409): mail clients sending mail, after STARTTLS and login.' },
  636: { name: 'ldaps', what: 'LDAP over TLS.' },
  993: { name: 'imaps', what: 'IMAP over implicit TLS (RFC 8314): mail clients reading mail.' },
  995: { name: 'pop3s', what: 'POP3 over implicit TLS (RFC 8314): mail clients downloading mail.' },
  2049: { name: 'nfs', what: 'NFS file sharing. Not for the internet.' },
  3306: { name: 'mysql', what: 'MySQL / MariaDB. On a mail host only local services need it, over lo.' },
  4190: { name: 'sieve', what: 'ManageSieve (RFC 5804): mail clients upload filtering rules.' },
  5432: { name: 'postgresql', what: 'PostgreSQL. Keep it to local services or named hosts.' },
  6379: { name: 'redis', what: 'Redis. Has no access control by default: never open it to the network.' },
  8080: { name: 'http-alt', what: 'Alternative HTTP port, often a proxy or an admin panel.' },
  11211: { name: 'memcache', what: 'memcached. Abused for traffic amplification when open.' },
};

/** The ports completion offers first after a port option. */
export const WELL_KNOWN_PORTS = [22, 25, 80, 110, 143, 443, 465, 587, 993, 995, 3306, 4190, 5432];

/**
 * The ports a mail host cares about: SSH, SMTP, POP3, IMAP, submissions, submission, IMAPS and POP3S.
 * The code lens's summary always reports them, and `firewall-lint reach` asks them by default.
 */
export const MAIL_HOST_PORTS: readonly number[] = [22, 25, 110, 143, 465, 587, 993, 995];

export const ICMP_DOCS: Readonly<Record<string, string>> = {
  'echo-request': 'Type 8, "ping": a host asks whether another is there.',
  ping: 'Type 8 (an alias of echo-request).',
  'echo-reply': 'Type 0: the answer to a ping.',
  pong: 'Type 0 (an alias of echo-reply).',
  'destination-unreachable': 'Type 3: a router or host says a packet could not be delivered. Needed for path MTU discovery (code 4).',
  'fragmentation-needed': 'Type 3 code 4: the packet is too big for the next link. Dropping it breaks path MTU discovery and stalls big transfers.',
  'port-unreachable': 'Type 3 code 3: no program listens on that UDP port (also what REJECT sends by default).',
  'host-unreachable': 'Type 3 code 1.',
  'network-unreachable': 'Type 3 code 0.',
  'time-exceeded': 'Type 11: the packet\'s TTL ran out, which is how traceroute maps a path.',
  'ttl-exceeded': 'Type 11 (an alias of time-exceeded).',
  redirect: 'Type 5: a router suggests a better route. Usually safe to drop on a server.',
  'parameter-problem': 'Type 12: a header field was bad.',
  'source-quench': 'Type 4: an old congestion signal, deprecated by RFC 6633.',
  'timestamp-request': 'Type 13: asks for the host\'s clock; often dropped.',
  'router-advertisement': 'Type 9 (IPv4) or 134 (ICMPv6): a router announces itself.',
  'router-solicitation': 'Type 10 (IPv4) or 133 (ICMPv6): a host looks for routers.',
  'neighbour-solicitation': 'ICMPv6 type 135: IPv6\'s ARP request. Must be accepted or no IPv6 connection starts.',
  'neighbor-solicitation': 'ICMPv6 type 135 (an alias of neighbour-solicitation).',
  'neighbour-advertisement': 'ICMPv6 type 136: IPv6\'s ARP reply. Must be accepted with the solicitations.',
  'neighbor-advertisement': 'ICMPv6 type 136 (an alias of neighbour-advertisement).',
  'packet-too-big': 'ICMPv6 type 2: IPv6\'s path MTU signal. Dropping it stalls big transfers.',
  'any': 'Every ICMP type.',
};

export const STATE_DOCS: Readonly<Record<string, string>> = {
  NEW: 'The first packet of a connection conntrack has not seen before (for TCP, usually the SYN).',
  ESTABLISHED: 'A packet of a connection that has seen traffic both ways: replies, and everything after the handshake.',
  RELATED: 'A new connection that belongs to a known one: an ICMP error about it, an FTP data connection (with a helper).',
  INVALID: 'A packet conntrack cannot place, such as a stray ACK. Usually dropped.',
  UNTRACKED: 'A packet exempted from tracking by NOTRACK or CT --notrack in the raw table (also ICMPv6 neighbour discovery).',
  SNAT: 'A connection whose source address was changed by NAT.',
  DNAT: 'A connection whose destination address was changed by NAT.',
};

export const REJECT_DOCS: Readonly<Record<string, string>> = {
  'icmp-port-unreachable': 'The default: the client is told no program listens ("Connection refused" for TCP).',
  'port-unreach': 'Same as icmp-port-unreachable.',
  'tcp-reset': 'Answers a TCP packet with a reset: the client gets "Connection refused" at once. Needs -p tcp.',
  'tcp-rst': 'Same as tcp-reset.',
  'icmp-host-prohibited': 'The client gets "No route to host".',
  'host-prohib': 'Same as icmp-host-prohibited.',
  'icmp-admin-prohibited': 'Says the traffic is administratively filtered; the client gets "No route to host".',
  'admin-prohib': 'Same as icmp-admin-prohibited.',
  'icmp-net-unreachable': 'The client gets "Network is unreachable".',
  'icmp-host-unreachable': 'The client gets "No route to host".',
  'icmp-net-prohibited': 'Network administratively prohibited.',
  'icmp-proto-unreachable': 'Protocol unreachable.',
  'icmp6-port-unreachable': 'The IPv6 default: port unreachable ("Connection refused").',
  'icmp6-adm-prohibited': 'Administratively prohibited; the client gets "Permission denied" or "No route to host".',
  'icmp6-no-route': 'No route to destination.',
  'icmp6-addr-unreachable': 'Address unreachable.',
};

export const PROTOCOL_DOCS: Readonly<Record<string, string>> = {
  tcp: 'TCP (protocol 6): connections such as SSH, mail and web. Enables --dport, --sport, --syn and --tcp-flags.',
  udp: 'UDP (protocol 17): datagrams such as DNS and NTP. Enables --dport and --sport.',
  icmp: 'ICMP (protocol 1): ping and error messages for IPv4. Enables --icmp-type.',
  'ipv6-icmp': 'ICMPv6 (protocol 58): ping, errors and neighbour discovery for IPv6. Enables --icmpv6-type.',
  icmpv6: 'ICMPv6 (protocol 58). Enables --icmpv6-type.',
  all: 'Every protocol (the same as leaving -p out).',
  sctp: 'SCTP (protocol 132). Enables --dport, --sport and --chunk-types.',
  esp: 'IPsec ESP (protocol 50).',
  ah: 'IPsec AH (protocol 51).',
  gre: 'GRE tunnels (protocol 47).',
};

export const POLICY_DOCS: Readonly<Record<string, string>> = {
  ACCEPT: 'Packets that reach the end of the chain pass.',
  DROP: 'Packets that reach the end of the chain are discarded: only what the rules accept passes.',
  '-': 'No policy: a user chain, where falling off the end returns to the calling chain.',
};

export const COMMAND_DOCS: Readonly<Record<string, string>> = {
  append: 'Appends the rule to the end of the chain.',
  insert: 'Inserts the rule at the top of the chain (or at the position given).',
  delete: 'Deletes a rule from the chain, by number or by its text.',
  replace: 'Replaces the rule at the given position.',
  check: 'Checks whether the rule exists (not useful in a restore file).',
  policy: 'Sets the policy of a built-in chain.',
  'new-chain': 'Creates a user chain.',
  flush: 'Deletes every rule of the chain (of the table, without a chain).',
  zero: 'Zeroes the counters.',
  'delete-chain': 'Deletes an empty user chain.',
  'rename-chain': 'Renames a user chain.',
  list: 'Lists rules (not useful in a restore file).',
  'list-rules': 'Prints rules (not useful in a restore file).',
};
