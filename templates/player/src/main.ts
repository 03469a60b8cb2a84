/** Entry point bundled into player.js: reads the embedded module and starts the player. */
import { startApp } from './app.ts';
import type { LearnerModule } from './model.ts';
import { Tracker } from './tracker.ts';

const data = document.getElementById('wecare-module');
const root = document.getElementById('app');
if (data && root) {
  const model = JSON.parse(data.textContent ?? '{}') as LearnerModule;
  startApp(root, model, new Tracker(model, window));
}
