import { mapPoints, type CodeCorrespondence } from "./correspondence.ts";
import { roundPoints } from "./points.ts";
import type { ProjectionAction, ProjectionQuestion } from "./projection.ts";

/**
 * The projection's input moved into the version the next evaluation will use (issue #13, item
 * 4): today's points and the actions' expected effects go through the correspondences (points ×
 * share, summed into the new question, capped at its maximum). The projection itself
 * (`project`) stays as it is and is given the result. Pure.
 */

export interface ActionWithoutCounterpart {
  id: string;
  title: string;
  /** The old sub-questions the action is linked to that correspond to nothing in the new version. */
  codes: string[];
  /** True when none of its sub-questions has a counterpart: the action counts for nothing in the new version. */
  none: boolean;
}

export interface InVersion {
  questions: ProjectionQuestion[];
  actions: ProjectionAction[];
  actionsWithoutCounterpart: ActionWithoutCounterpart[];
  /** New sub-questions no old one corresponds to: their current points are unknown and counted as 0. */
  questionsWithoutCounterpart: string[];
}

export function projectionInputInVersion(
  oldQuestions: readonly ProjectionQuestion[],
  actions: readonly ProjectionAction[],
  newQuestions: ReadonlyArray<Omit<ProjectionQuestion, "current">>,
  correspondences: readonly CodeCorrespondence[],
): InVersion {
  const mapped = mapPoints(new Map(oldQuestions.map((q) => [q.code, q.current])), correspondences, newQuestions);
  const questions = newQuestions.map((q) => ({ ...q, current: mapped.get(q.code) ?? 0 }));
  const newCodes = new Set(newQuestions.map((q) => q.code));
  const from = (code: string) => correspondences.filter((c) => c.fromCode === code && newCodes.has(c.toCode));
  const actionsWithoutCounterpart: ActionWithoutCounterpart[] = [];
  const movedActions = actions.map((action): ProjectionAction => {
    const effects = new Map<string, number>();
    const unmapped: string[] = [];
    for (const effect of action.effects) {
      const targets = from(effect.code);
      if (targets.length === 0) unmapped.push(effect.code);
      for (const c of targets) effects.set(c.toCode, (effects.get(c.toCode) ?? 0) + effect.expectedEffect * c.share);
    }
    if (unmapped.length > 0) {
      actionsWithoutCounterpart.push({ id: action.id, title: action.title, codes: unmapped, none: effects.size === 0 });
    }
    return { ...action, effects: [...effects].map(([code, effect]) => ({ code, expectedEffect: roundPoints(effect) })) };
  });
  return {
    questions,
    actions: movedActions,
    actionsWithoutCounterpart,
    questionsWithoutCounterpart: newQuestions.filter((q) => !mapped.has(q.code)).map((q) => q.code),
  };
}
