"use client";
// Reasons and corrections in the session view: which turn's correction editor is open, toggling a reason
// (by id from a chip, by key 1–9 on the focused turn) and saving or clearing a correction. Changes go
// through use-labels like any label change (optimistic, journaled by the server, undoable with `z`).
import { useMemo, useState } from "react";
import type { LabelChange, LabelView } from "@/lib/shared/labels";
import { reasonForKey, toggleReason } from "@/lib/shared/reasons";
import { useReasons } from "../reasons/use-reasons";
import { useStableHandler } from "../use-stable-handler";

export function useTurnFeedback(options: {
  /** The turn a key acts on, when the key arrives (the focused turn, or the one being read). */
  target: () => string | null;
  labelOf: (turnId: string) => LabelView;
  apply: (turnId: string, change: LabelChange) => void;
  setFocus: (turnId: string) => void;
}) {
  const { reasons } = useReasons();
  const [correcting, setCorrecting] = useState<string | null>(null);

  const toggle = useStableHandler((turnId: string, reasonId: string) => {
    options.apply(turnId, { reasons: toggleReason(options.labelOf(turnId).reasons, reasonId) });
    options.setFocus(turnId);
  });
  const editCorrection = useStableHandler((turnId: string) => {
    options.setFocus(turnId);
    setCorrecting(turnId);
  });
  const saveCorrection = useStableHandler((turnId: string, correction: string | null) => {
    options.apply(turnId, { correction });
    setCorrecting(null);
  });
  const cancelCorrection = useStableHandler(() => setCorrecting(null));

  const actions = useMemo(
    () => ({ toggleReason: toggle, editCorrection, saveCorrection, cancelCorrection }),
    [toggle, editCorrection, saveCorrection, cancelCorrection],
  );
  const keys = {
    toggleReason: (digit: number) => {
      const reason = reasonForKey(reasons, digit);
      const target = options.target();
      if (target !== null && reason) toggle(target, reason.id);
    },
    editCorrection: () => {
      const target = options.target();
      if (target !== null) editCorrection(target);
    },
  };
  return { reasons, correcting, actions, keys };
}
