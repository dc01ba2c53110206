import { runRuleCases } from '../../test-support/rule-tester';
import { unknownExtension } from './unknown-extension';
import { cases } from './unknown-extension.cases';

runRuleCases(unknownExtension, cases);
