import { runCheckCases } from '../../test-support/check-tester';
import { unknownExtension } from './unknown-extension';
import { cases } from './unknown-extension.cases';

runCheckCases(unknownExtension, cases);
