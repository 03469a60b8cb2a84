/**
 * SCORM tracking data for the Moodle double: `mod_scorm_get_scorm_scoes` and
 * `mod_scorm_get_scorm_sco_tracks` with their recorded signatures, registered through
 * `double.register`. Every SCORM activity of the double is a single-SCO package (as ours are): an
 * organization entry (id `instance * 10`) and one SCO (id `instance * 10 + 1`), like the recorded
 * answer. Tracks are seeded per activity, user and attempt with `setTracks`; attempts themselves
 * are counted from the double's state (seed them with `seedProgress`).
 */
import type { MoodleDouble } from './server.ts';
import { MoodleException } from './server.ts';

export interface ScormTracksStore {
  /** The tracks (cmi elements) of `userid`'s attempt `attempt` (default 1) on the SCORM activity `cmid`. */
  setTracks(cmid: number, userid: number, tracks: Record<string, string>, attempt?: number): void;
  /** The SCO id of the SCORM activity `cmid`. */
  scoId(cmid: number): number;
}

export function installScormTracks(double: MoodleDouble): ScormTracksStore {
  const tracks = new Map<string, Record<string, string>>();
  const scormModule = (instance: number) => [...double.state.modules.values()].find((m) => m.modname === 'scorm' && m.instance === instance);

  double.register('mod_scorm_get_scorm_scoes', {
    handler: ({ scormid }: { scormid: number }) => {
      const module = scormModule(scormid);
      if (!module) throw MoodleException.missingRecord('scorm', scormid);
      const base = { scorm: scormid, manifest: `com.wecare.${module.id}`, extradata: [] as Array<{ element: string; value: string }> };
      return {
        scoes: [
          { ...base, id: scormid * 10, organization: '', parent: '/', identifier: 'WECARE_ORG', launch: '', scormtype: '', title: module.name, sortorder: 1 },
          { ...base, id: scormid * 10 + 1, organization: 'WECARE_ORG', parent: 'WECARE_ORG', identifier: 'ITEM_1', launch: 'index.html', scormtype: 'sco', title: module.name, sortorder: 2 },
        ],
        warnings: [],
      };
    },
  });

  double.register('mod_scorm_get_scorm_sco_tracks', {
    handler: ({ scoid, userid, attempt }: { scoid: number; userid: number; attempt: number }) => {
      const module = scoid % 10 === 1 ? scormModule((scoid - 1) / 10) : undefined;
      if (!module) throw MoodleException.missingRecord('scorm_scoes', scoid);
      const attempts = double.state.attempts.filter((a) => a.cmid === module.id && a.userid === userid).length;
      const wanted = attempt === 0 ? attempts : attempt;
      const stored = tracks.get(`${module.id}:${userid}:${wanted}`) ?? {};
      return { data: { attempt: wanted, tracks: Object.entries(stored).map(([element, value]) => ({ element, value })) }, warnings: [] };
    },
  });

  return {
    setTracks(cmid, userid, values, attempt = 1) {
      tracks.set(`${cmid}:${userid}:${attempt}`, values);
    },
    scoId(cmid) {
      const module = double.state.modules.get(cmid);
      if (!module || module.modname !== 'scorm') throw new Error(`No SCORM activity ${cmid}`);
      return module.instance * 10 + 1;
    },
  };
}
