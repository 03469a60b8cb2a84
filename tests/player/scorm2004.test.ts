import { scormScenario } from './scenario.ts';

scormScenario('2004');
