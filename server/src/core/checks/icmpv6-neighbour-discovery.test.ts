import { runCheckCases } from '../../test-support/check-tester';
import { icmpv6NeighbourDiscovery } from './icmpv6-neighbour-discovery';
import { cases } from './icmpv6-neighbour-discovery.cases';

runCheckCases(icmpv6NeighbourDiscovery, cases);
