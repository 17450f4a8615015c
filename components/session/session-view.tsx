"use client";
// A session as a story of turns, labeled from the keyboard. Owns the open note editor, the overlay, find
// and the key actions; focus comes from use-turn-focus, data (an outline, full turns by range) from
// use-session-turns, labels from use-labels, keys from use-session-keys (held while not ready: held-keys.ts),
// moves from use-session-navigation; the virtualized turns are turn-list.tsx.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { Label, LabelValue, LabelView } from "@/lib/shared/labels";
import { listHref } from "../list-filter";
import { EMPTY_LABEL } from "@/lib/shared/labels";
import { ShortcutsOverlay } from "../shortcuts-overlay";
import { reviewOrder, TriageToggle, useTriageOrder } from "../triage-order";
import { Toast, useToast } from "../toast";
import { useStableHandler } from "../use-stable-handler";
import { useStoredFlag } from "../use-stored-flag";
import { FindBar } from "./find-bar";
import { describeKeys, isHolding, requeue, takeHeldKeys, useHeldKeysVersion } from "./held-keys";
import { SessionHeader } from "./session-header";
import { SessionToolbar } from "./session-toolbar";
import type { TurnActions } from "./turn-card";
import { TurnList } from "./turn-list";
import { labelKey, labelsOf, useLabels } from "./use-labels";
import { useLiveSession } from "./use-live-session";
import { useSessionTurns } from "./use-session-turns";
import { dispatchSessionKey, useSessionKeys, type SessionKeyActions } from "./use-session-keys";
import { useSessionNavigation } from "./use-session-navigation";
import { useSessionPlace } from "./use-session-place";
import { useTurnFocus } from "./use-turn-focus";
import { useTurnFeedback } from "./use-turn-feedback";

/** `editing` value while the session's own note is open (turn ids never look like this). */
const SESSION_NOTE = " session";

export function SessionView({
  id,
  initialTurnId,
  initialQuery,
}: {
  id: string;
  initialTurnId: string | null;
  initialQuery: string | null;
}) {
  const router = useRouter();
  const { toast, showToast, dismiss } = useToast();
  const labels = useLabels(showToast);
  // The focus as of now, for the outline's window on a refetch (the focus hook needs the outline first).
  const focusNow = useRef<() => string | null>(() => null);
  const detail = useSessionTurns(
    id,
    initialTurnId,
    () => focusNow.current(),
    (loaded) =>
      labels.merge(
        labelsOf(loaded.outline?.session ?? null, [...(loaded.outline?.outline ?? []), ...loaded.turns]),
      ),
  );
  const [editing, setEditing] = useState<string | null>(null);
  const [overlay, setOverlay] = useState(false);
  const [finding, setFinding] = useState(initialQuery !== null);
  const [autoAdvance, setAutoAdvance] = useStoredFlag("tracemark.autoAdvance", true);
  const [triage, setTriage] = useTriageOrder();
  const [raw, setRaw] = useStoredFlag("tracemark.rawText", false);
  useLiveSession(id, detail.reload, labels.isNewer, labels.merge);

  const turns = detail.outline;
  const scroller = useRef<((index: number) => void) | null>(null);
  const focus = useTurnFocus(turns, initialTurnId, (index) => scroller.current?.(index));
  useLayoutEffect(() => {
    focusNow.current = focus.current;
  });
  const registerScroller = useCallback((scrollTo: (index: number) => void) => {
    scroller.current = scrollTo;
  }, []);
  // Opened from a search (`?q=` without `?turn=`): keys wait until the first match is focused, as they wait
  // for the session, so a key never acts on the turn the page shows before it moves to the match.
  const [findingFirst, setFindingFirst] = useState(initialQuery !== null && initialTurnId === null);
  const linkedFound = useCallback(() => setFindingFirst(false), []);
  const ready = detail.session !== null && !findingFirst;
  const failed = detail.notFound || (detail.error !== null && detail.session === null);
  useSessionPlace(focus.focus, detail.session?.title ?? null, ready);

  // The latest value, not this render's: `z` then Shift+G in one burst must see the undo.
  const labelOf = (turnId: string, fallback: LabelView): LabelView =>
    labels.latest(labelKey("turn", turnId)) ?? fallback;
  const progress = useMemo(() => {
    let labeled = 0;
    let bad = 0;
    for (const turn of turns) {
      const label = (labels.labels[labelKey("turn", turn.id)] ?? turn.label).label;
      if (label !== null) labeled++;
      if (label === "bad") bad++;
    }
    return { labeled, bad };
  }, [turns, labels.labels]);
  const sessionLabel = detail.session
    ? (labels.labels[labelKey("session", id)] ?? detail.session.session_label)
    : null;

  const labelTurn = useStableHandler((turnId: string, label: Label) => {
    labels.apply("turn", turnId, id, { label });
    const advance = autoAdvance && turnId === focus.current();
    focus.setFocus(turnId, { quiet: true });
    if (advance) focus.move(1);
  });
  const saveNote = useStableHandler((turnId: string, note: string) => {
    labels.apply("turn", turnId, id, { note });
    setEditing(null);
  });
  const editNote = useStableHandler((turnId: string) => {
    focus.setFocus(turnId, { quiet: true });
    setEditing(turnId);
  });
  const cancelNote = useStableHandler(() => setEditing(null));
  const focusTurn = useStableHandler((turnId: string) => focus.setFocus(turnId, { quiet: true }));
  const feedback = useTurnFeedback({
    target: () => focus.target(),
    labelOf: (turnId) => labelOf(turnId, turns[focus.indexById.get(turnId) ?? -1]?.label ?? EMPTY_LABEL),
    apply: (turnId, change) => labels.apply("turn", turnId, id, change),
    setFocus: focusTurn,
  });
  const actions = useMemo<TurnActions>(
    () => ({ focus: focusTurn, label: labelTurn, editNote, saveNote, cancelNote, ...feedback.actions }),
    [focusTurn, labelTurn, editNote, saveNote, cancelNote, feedback.actions],
  );
  const navigation = useSessionNavigation({
    id,
    session: detail.session,
    focus: focus.current,
    focusTurn: (turnId) => focus.setFocus(turnId),
    settled: labels.settled,
    showToast,
    order: reviewOrder(triage),
  });

  /** Shift+G / Shift+B: the session and every turn still unlabeled, as one undo step. */
  const labelSession = (label: LabelValue): void => {
    const unlabeled = turns.filter((turn) => labelOf(turn.id, turn.label).label === null);
    labels.applyMany([
      { type: "session", id, sessionId: id, change: { label } },
      ...unlabeled.map((turn) => ({ type: "turn" as const, id: turn.id, sessionId: id, change: { label } })),
    ]);
  };

  const labelFocused = (label: Label): void => {
    const range = focus.range();
    if (range.length > 0) {
      labels.applyMany(
        range.map((turn) => ({ type: "turn" as const, id: turn.id, sessionId: id, change: { label } })),
      );
      focus.setFocus(focus.current()!, { quiet: true });
      return;
    }
    const target = focus.target();
    if (target === null)
      showToast(
        `Not applied: ${describeKeys([label === "good" ? "g" : label === "bad" ? "b" : "x"])}: this session has no turns.`,
        "info",
      );
    else labelTurn(target, label);
  };

  const keyActions: SessionKeyActions = {
    ready,
    overlayOpen: overlay,
    closeOverlay: () => setOverlay(false),
    openOverlay: () => setOverlay(true),
    move: focus.move,
    extend: focus.extend,
    label: labelFocused,
    labelSession,
    editNote: () => {
      const target = focus.target();
      if (target !== null) editNote(target);
    },
    undo: () => {
      const step = labels.undo();
      const here = step?.find((entry) => entry.type === "turn" && focus.indexById.has(entry.id));
      if (!step) showToast("Nothing to undo.", "info");
      else if (here) focus.setFocus(here.id);
      else if (step[0]!.sessionId !== id) showToast("Undid a label change in another session.", "info");
    },
    nextUnlabeled: () => void navigation.nextUnlabeled(),
    adjacentSession: (direction) => void navigation.adjacentSession(direction),
    find: () => {
      setFinding(true);
      document.querySelector<HTMLInputElement>('[data-testid="find-input"]')?.focus();
    },
    ...feedback.keys,
  };
  useSessionKeys(keyActions);

  // Keys typed before this view was ready (or on the way here) are replayed in order once it is.
  const latestActions = useRef(keyActions);
  useLayoutEffect(() => {
    latestActions.current = keyActions;
  });
  const heldVersion = useHeldKeysVersion();
  useEffect(() => {
    if (!ready && !failed) return;
    const { keys, dropped } = takeHeldKeys(id);
    const lost = failed ? [...keys, ...dropped] : dropped;
    if (lost.length > 0)
      showToast(
        `Not applied: ${describeKeys(lost)} (${failed ? "the session did not load" : "typed for another session"}).`,
      );
    if (failed) return;
    for (let i = 0; i < keys.length; i++) {
      dispatchSessionKey(keys[i]!, latestActions.current);
      if (isHolding()) return requeue(keys.slice(i + 1)); // a replayed `]` moved on: the rest are for later
    }
  }, [ready, failed, heldVersion, id, showToast]);

  if (detail.notFound) {
    return (
      <main className="mx-auto max-w-5xl px-4 py-10">
        <p className="font-medium">There is no session {id}.</p>
        <Link href="/" className="text-sm text-blue-700 hover:underline dark:text-blue-400">
          Back to the sessions
        </Link>
        <Toast toast={toast} onDismiss={dismiss} />
      </main>
    );
  }

  return (
    <main className="mx-auto max-w-5xl px-4 pb-24">
      <SessionToolbar
        progress={{ ...progress, total: turns.length }}
        autoAdvance={autoAdvance}
        onAutoAdvance={setAutoAdvance}
        raw={raw}
        onRaw={setRaw}
        onBack={() => router.push(listHref())}
        onAdjacent={(direction) => void navigation.adjacentSession(direction)}
        onOverlay={() => setOverlay(true)}
        triage={<TriageToggle triage={triage} onChange={setTriage} />}
      />
      {finding && (
        <FindBar
          sessionId={id}
          version={turns}
          initialQuery={initialQuery}
          focusFirstMatch={initialTurnId === null}
          focused={focus.focus}
          onFocusTurn={(turnId) => focus.setFocus(turnId)}
          onClose={() => {
            setFinding(false);
            setFindingFirst(false);
          }}
          onLinkedFound={linkedFound}
        />
      )}
      {detail.error && (
        <p
          role="alert"
          className="mt-3 rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          Could not load the session: {detail.error}
        </p>
      )}
      {detail.session && sessionLabel ? (
        <div className="pt-4">
          <SessionHeader
            session={detail.session}
            label={sessionLabel}
            editingNote={editing === SESSION_NOTE}
            onLabel={(label) => labels.apply("session", id, id, { label })}
            onEditNote={() => setEditing(SESSION_NOTE)}
            onSaveNote={(note) => {
              labels.apply("session", id, id, { note });
              setEditing(null);
            }}
            onCancelNote={cancelNote}
          />
          <TurnList
            outline={turns}
            loaded={detail.loaded}
            labelOf={labelOf}
            focus={focus.focus}
            selected={focus.selected}
            editing={editing}
            correcting={feedback.correcting}
            raw={raw}
            reasons={feedback.reasons}
            actions={actions}
            ensure={detail.ensure}
            registerScroller={registerScroller}
          />
          {turns.length === 0 && <p className="mt-6 text-sm text-zinc-500">This session has no turns yet.</p>}
        </div>
      ) : (
        !detail.error && <p className="pt-6 text-sm text-zinc-500">Loading session…</p>
      )}
      {overlay && <ShortcutsOverlay onClose={() => setOverlay(false)} />}
      <Toast toast={toast} onDismiss={dismiss} />
    </main>
  );
}
