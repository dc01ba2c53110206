import { runRuleCases } from '../../test-support/rule-tester';
import { icmpv6NeighbourDiscovery } from './icmpv6-neighbour-discovery';
import { cases } from './icmpv6-neighbour-discovery.cases';

runRuleCases(icmpv6NeighbourDiscovery, cases);
