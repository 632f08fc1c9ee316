// Extension point for page modes that live in their own files (planner mode: src/planner.js). Each mode is an
// object { id, install(app) } where app is the workstation object made in main.js (map, api, t, panel, ...).
// Add a mode by importing it here and listing it.
import planner from './planner.js';
import alerts from './alerts.js';

export const modes = [planner, alerts];
