import { scormScenario } from './scenario.ts';

scormScenario('12');
