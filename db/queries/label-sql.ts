// SQL fragments for reading labels when a target holds one label per person (docs/team.md "People"): whose
// label counts as the viewer's, and the others' labels and disagreements. Shared by sessions.ts and overview.ts.
import type { Fragments } from "../dialect";

/** Restricts a label row `alias` to the viewer's (`@viewer`, bound by sessionFilterSql; NULL: anyone's). */
export const viewerLabel = (alias: string): string =>
  `${alias}.labeled_by = coalesce(@viewer, ${alias}.labeled_by)`;

/** Turn `t` has a verdict by someone other than the viewer, and none by the viewer. */
export const OTHERS_NOT_ME = `EXISTS (SELECT 1 FROM labels o WHERE o.target_type = 'turn' AND o.target_id = t.id
    AND o.label IS NOT NULL AND o.labeled_by <> coalesce(@viewer, ''))
  AND NOT EXISTS (SELECT 1 FROM labels m WHERE m.target_type = 'turn' AND m.target_id = t.id
    AND m.label IS NOT NULL AND m.labeled_by = @viewer)`;

/** Turns of the session whose people gave different verdicts (the list's disagreement marker). */
export const disagreementsOf = (sql: Fragments): string =>
  `(SELECT count(*) FROM (SELECT l.target_id FROM turns t ${sql.outerLoopJoin} labels l ON l.target_type = 'turn'
  AND l.target_id = t.id AND l.label IS NOT NULL WHERE t.session_id = s.id
  GROUP BY l.target_id HAVING count(DISTINCT l.label) > 1) d)`;

/** Turns of the session labeled by someone other than the viewer. */
export const othersLabeledOf = (sql: Fragments): string =>
  `(SELECT count(DISTINCT l.target_id) FROM turns t ${sql.outerLoopJoin} labels l ON l.target_type = 'turn'
  AND l.target_id = t.id AND l.label IS NOT NULL AND l.labeled_by <> coalesce(@viewer, '') WHERE t.session_id = s.id)`;
