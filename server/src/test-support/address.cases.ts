// How iptables 1.8.9 reads `-s`/`-d` addresses, measured in a namespace: what iptables-save then
// writes (`stored`, '' when no -s is left: the whole address space) or the message it stops with.
// The core tests hold the reader to this table; the truth suite loads each spelling again.
export interface AddressCase {
  text: string;
  family: 'ipv4' | 'ipv6';
  stored?: string;
  refused?: string;
}

const v4 = (text: string, stored: string): AddressCase => ({ text, family: 'ipv4', stored });
const v6 = (text: string, stored: string): AddressCase => ({ text, family: 'ipv6', stored });
const bad4 = (text: string, refused: string): AddressCase => ({ text, family: 'ipv4', refused });
const bad6 = (text: string, refused: string): AddressCase => ({ text, family: 'ipv6', refused });

export const ADDRESS_CASES: AddressCase[] = [
  v4('10.1.2.3', '10.1.2.3/32'),
  v4('10.1.2.3/8', '10.0.0.0/8'),
  // A mask of zeros, however written, leaves the whole space, and the host is not read at all.
  v4('10.0.0.0/0.0.0.0', ''),
  v4('10.0.0.0/000.000.000.000', ''),
  v4('10.0.0.0/00', ''),
  v4('10.0.0.0/0x0', ''),
  v4('0/0', ''),
  v4('any/0', ''),
  v4('999.1.1.1/0', ''),
  v4('0.0.0.0/0/0', ''),
  // Mask numbers are C numbers: hex, octal (a leading zero), a leading `+` or blank.
  v4('10.0.0.0/010', '10.0.0.0/8'),
  v4('10.0.0.0/024', '10.0.0.0/20'),
  v4('10.0.0.0/0x18', '10.0.0.0/24'),
  v4('10.1.2.3/0x20', '10.1.2.3/32'),
  v4('10.0.0.0/+24', '10.0.0.0/24'),
  v4('10.0.0.0/ 24', '10.0.0.0/24'),
  v4('10.0.0.0/255.0.0.0', '10.0.0.0/8'),
  v4('10.0.0.0/0377.0.0.0', '10.0.0.0/8'),
  v4('10.0.0.0/0x0ff.0.0.0', '10.0.0.0/8'),
  v4('10.0.0.0/255.0.255.0', '10.0.0.0/255.0.255.0'),
  bad4('10.0.0.0/08', "invalid mask `08' specified"),
  bad4('10.0.0.0/33', "invalid mask `33' specified"),
  bad4('10.0.0.0/0.0.0', "invalid mask `0.0.0' specified"),
  bad4('10.0.0.0/255.255.255.0.0', "invalid mask `255.255.255.0.0' specified"),
  bad4('10.0.0.1/', "invalid mask `' specified"),
  bad4('10.0.0.1/0x', "invalid mask `0x' specified"),
  bad4('10.0.0.0/24 ', "invalid mask `24 ' specified"),
  // So are the parts of an address, and missing parts are zeros.
  v4('010.0.0.1', '8.0.0.1/32'),
  v4('0x0a.0.0.1', '10.0.0.1/32'),
  v4(' 10.0.0.1', '10.0.0.1/32'),
  v4('10', '10.0.0.0/32'),
  v4('10.1', '10.1.0.0/32'),
  v4('10.1.2', '10.1.2.0/32'),
  // What that reading refuses goes to the C library (inet_aton) before a name lookup.
  v4('167772161', '10.0.0.1/32'),
  v4('0x0a000001', '10.0.0.1/32'),
  v4('10.0.257', '10.0.1.1/32'),
  v4('4294967295', '255.255.255.255/32'),
  // Only the first 19 characters are read as a number.
  v4('1.2.3.00000000000000000004', '1.2.3.0/32'),
  bad4('10.0.0.08', "host/network `10.0.0.08' not found"),
  bad4('256.0.0.1', "host/network `256.0.0.1' not found"),
  bad4('4294967296', "host/network `4294967296' not found"),
  bad4('1.2.3.4.5', "host/network `1.2.3.4.5' not found"),
  bad4('10.0.0.1 ', "host/network `10.0.0.1 ' not found"),
  bad4('/24', "host/network `' not found"),
  bad4('10.0.0.1/32/1', "host/network `10.0.0.1/32' not found"),
  v6('2001:db8::1', '2001:db8::1/128'),
  v6('2001:db8::1/0x40', '2001:db8::/64'),
  v6('2001:db8::/010', '2000::/8'),
  v6('2001:db8::/ 64', '2001:db8::/64'),
  v6('2001:db8::1/ffff:ffff::', '2001:db8::/32'),
  v6('2001:db8::1/ff00:ff00::', '2000:d00::/ff00:ff00::'),
  v6('2001:db8::/::', ''),
  v6('2001:db8::/00', ''),
  v6('garbage/0', ''),
  v6('::ffff:10.0.0.1', '::ffff:10.0.0.1/128'),
  bad6('2001:db8::1/0.0.0.0', "invalid mask `0.0.0.0' specified"),
  bad6('2001:db8::/129', "invalid mask `129' specified"),
  bad6('2001:db8::1/-1', "invalid mask `-1' specified"),
  bad6('2001:db8::1 ', "host/network `2001:db8::1 ' not found"),
  bad6('::ffff:010.0.0.1', "host/network `::ffff:010.0.0.1' not found"),
];

/**
 * Extension options that take an address or a mask (libxtables' option parser: getaddrinfo for the
 * host, a mask as a number of any base or an address), measured the same way: a rule's options, and
 * the message iptables stops with, or none where it loads.
 */
export interface OptionAddressCase {
  options: string;
  family: 'ipv4' | 'ipv6';
  refused?: string;
}

const ct = (value: string, refused?: string): OptionAddressCase => ({ options: `-m conntrack --ctorigsrc ${value}`, family: 'ipv4', refused });
const CT_MASK = 'conntrack: bad value for option "--ctorigsrc", neither a valid network mask nor valid CIDR (0-32).';
const NO_NAME = 'getaddrinfo: Name or service not known';
const CONNLIMIT = '-p tcp -m connlimit --connlimit-above 2 --connlimit-mask';

export const OPTION_ADDRESS_CASES: OptionAddressCase[] = [
  ct('10.0.0.0/0x18'),
  ct('10.0.0.0/024'),
  ct('10.0.0.0/255.255.0.0'),
  ct('10.0.0.0/0377.0.0.0'),
  ct('10.0.0.0/255.0.255.0'),
  ct('10.0.0.0/255.255.0'),
  ct('10.0.0.0/0'),
  ct('10.0.0.0/33'),
  ct('10.0.0.0/4294967295'),
  ct('10.0.0.0/+24'),
  ct('"10.0.0.0/ 24"'),
  ct('010.0.0.1'),
  ct('10.1'),
  ct('167772161'),
  ct('10.0.0.0/08', CT_MASK),
  ct('10.0.0.1/32/1', CT_MASK),
  ct('10.0.0.1/', CT_MASK),
  ct('10.0.0.0/4294967296', CT_MASK),
  ct('10.0.0.0/-1', CT_MASK),
  ct('10.0.0.08', NO_NAME),
  ct('999.1.1.1', NO_NAME),
  ct('" 10.0.0.1"', NO_NAME),
  { options: '-m policy --dir in --pol ipsec --mode tunnel --tunnel-src 10.1/0x10', family: 'ipv4' },
  { options: '-m recent --set --mask 0377.255.255.0', family: 'ipv4' },
  { options: '-m recent --set --mask 255.255', family: 'ipv4' },
  { options: '-m recent --set --mask 167772161', family: 'ipv4' },
  { options: '-m recent --set --mask 999.0.0.0', family: 'ipv4', refused: NO_NAME },
  { options: '-m recent --set --mask 255.255.255.0/8', family: 'ipv4', refused: NO_NAME },
  { options: `${CONNLIMIT} 0x18`, family: 'ipv4' },
  { options: `${CONNLIMIT} 0377.0.0.0`, family: 'ipv4' },
  { options: `${CONNLIMIT} 255.255`, family: 'ipv4' },
  { options: `${CONNLIMIT} 99`, family: 'ipv4' },
  { options: `${CONNLIMIT} 08`, family: 'ipv4', refused: 'connlimit: bad value for option "--connlimit-mask", neither a valid network mask nor valid CIDR (0-32).' },
  { options: '-m conntrack --ctorigsrc 2001:db8::/0x40', family: 'ipv6' },
  { options: '-m conntrack --ctorigsrc 2001:db8::/ffff::', family: 'ipv6' },
  { options: '-m conntrack --ctorigsrc 2001:db8::/129', family: 'ipv6', refused: 'conntrack: bad value for option "--ctorigsrc", neither a valid network mask nor valid CIDR (0-128).' },
  { options: '-m conntrack --ctorigsrc 2001:db8::/255.0.0.0', family: 'ipv6', refused: 'conntrack: bad value for option "--ctorigsrc", neither a valid network mask nor valid CIDR (0-128).' },
  { options: '-m conntrack --ctorigsrc 10.0.0.1', family: 'ipv6', refused: 'getaddrinfo: Address family for hostname not supported' },
  { options: `${CONNLIMIT} 0x40`, family: 'ipv6' },
  { options: `${CONNLIMIT} ffff:ffff::`, family: 'ipv6' },
];

/** The one-rule file a case is loaded as. */
export const optionCaseFile = (c: OptionAddressCase): string => `*filter\n-A INPUT ${c.options} -j DROP\nCOMMIT\n`;
