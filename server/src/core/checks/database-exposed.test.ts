import { runCheckCases } from '../../test-support/check-tester';
import { databaseExposed } from './database-exposed';
import { cases } from './database-exposed.cases';

runCheckCases(databaseExposed, cases);
