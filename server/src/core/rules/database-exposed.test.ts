import { runRuleCases } from '../../test-support/rule-tester';
import { databaseExposed } from './database-exposed';
import { cases } from './database-exposed.cases';

runRuleCases(databaseExposed, cases);
