"use client";
// A session as a story of turns, labeled from the keyboard. Owns the focused turn, the open note editor
// and the overlay; data comes from use-session-detail, labels from use-labels, keys from use-session-keys.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import type { LabelView } from "@/lib/shared/labels";
import type { Label } from "@/lib/shared/labels";
import { errorText, getReviewNext } from "../api";
import { LabelProgress } from "../label-progress";
import { listHref, readListFilter, recalledListQuery, toApiQuery } from "../list-filter";
import { findAdjacentSession } from "../session-order";
import { ShortcutsOverlay } from "../shortcuts-overlay";
import { Toast, useToast } from "../toast";
import { useStableHandler } from "../use-stable-handler";
import { useStoredFlag } from "../use-stored-flag";
import { SessionHeader } from "./session-header";
import { TurnCard, type TurnActions } from "./turn-card";
import { labelKey, labelsOf, useLabels } from "./use-labels";
import { useLiveSession } from "./use-live-session";
import { useScrollIntoView } from "./use-scroll-into-view";
import { useSessionDetail } from "./use-session-detail";
import { useSessionKeys } from "./use-session-keys";

/** `editing` value while the session's own note is open (turn ids never look like this). */
const SESSION_NOTE = " session";

const sessionPath = (sessionId: string, turnId?: string): string =>
  `/sessions/${encodeURIComponent(sessionId)}${turnId ? `?turn=${encodeURIComponent(turnId)}` : ""}`;

/** The list filter the person last used in this tab, as API parameters. */
const reviewFilter = (): URLSearchParams => toApiQuery(readListFilter(new URLSearchParams(recalledListQuery())));

export function SessionView({ id, initialTurnId }: { id: string; initialTurnId: string | null }) {
  const router = useRouter();
  const { toast, showToast, dismiss } = useToast();
  const labels = useLabels(showToast);
  const detail = useSessionDetail(id, (loaded) => labels.merge(labelsOf(loaded)));
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [overlay, setOverlay] = useState(false);
  const [autoAdvance, setAutoAdvance] = useStoredFlag("tracemark.autoAdvance", true);
  useLiveSession(id, detail.reload, labels.isNewer, labels.merge);

  const turns = detail.turns;
  const indexById = useMemo(() => new Map(turns.map((turn, i) => [turn.id, i])), [turns]);
  // Focus survives refetches by id; until the person moves, it is the linked turn or the first one.
  const focus =
    focusedId !== null && indexById.has(focusedId)
      ? focusedId
      : initialTurnId !== null && indexById.has(initialTurnId)
        ? initialTurnId
        : (turns[0]?.id ?? null);
  useScrollIntoView(focus === null ? null : `turn-${focus}`);

  const labelOf = (turnId: string, fallback: LabelView): LabelView => labels.labels[labelKey("turn", turnId)] ?? fallback;
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
  const sessionLabel = detail.session ? (labels.labels[labelKey("session", id)] ?? detail.session.session_label) : null;

  const move = useStableHandler((step: 1 | -1) => {
    const index = focus === null ? -1 : (indexById.get(focus) ?? -1);
    const target = turns[Math.max(0, Math.min(turns.length - 1, index + step))];
    if (target) setFocusedId(target.id);
  });
  const labelTurn = useStableHandler((turnId: string, label: Label) => {
    labels.apply("turn", turnId, id, { label });
    setFocusedId(turnId);
    if (autoAdvance && turnId === focus) move(1);
  });
  const saveNote = useStableHandler((turnId: string, note: string) => {
    labels.apply("turn", turnId, id, { note });
    setEditing(null);
  });
  const editNote = useStableHandler((turnId: string) => {
    setFocusedId(turnId);
    setEditing(turnId);
  });
  const cancelNote = useStableHandler(() => setEditing(null));
  const actions = useMemo<TurnActions>(
    () => ({ focus: setFocusedId, label: labelTurn, editNote, saveNote, cancelNote }),
    [labelTurn, editNote, saveNote, cancelNote],
  );

  const nextUnlabeled = async (): Promise<void> => {
    try {
      await labels.settled(); // the server must know about labels still being saved
      const filter = reviewFilter();
      let next = await getReviewNext(filter, focus ?? undefined);
      if ("done" in next && focus !== null) next = await getReviewNext(filter); // wrap to the top of the list
      if ("done" in next) showToast("Every turn in this list is labeled.", "info");
      else if (next.session_id === id) setFocusedId(next.turn_id);
      else router.push(sessionPath(next.session_id, next.turn_id));
    } catch (error) {
      showToast(`Could not find the next unlabeled turn: ${errorText(error)}`);
    }
  };

  const adjacentSession = async (direction: "older" | "newer"): Promise<void> => {
    if (!detail.session) return;
    try {
      const target = await findAdjacentSession(detail.session, direction, reviewFilter());
      if (target) router.push(sessionPath(target));
      else showToast(direction === "older" ? "This is the oldest session in the list." : "This is the newest session in the list.", "info");
    } catch (error) {
      showToast(`Could not find the ${direction} session: ${errorText(error)}`);
    }
  };

  useSessionKeys({
    overlayOpen: overlay,
    closeOverlay: () => setOverlay(false),
    openOverlay: () => setOverlay(true),
    move,
    label: (label) => focus !== null && labelTurn(focus, label),
    labelSession: (label) => labels.apply("session", id, id, { label }),
    editNote: () => focus !== null && editNote(focus),
    undo: () => {
      const entry = labels.undo();
      if (!entry) showToast("Nothing to undo.", "info");
      else if (entry.type === "turn" && indexById.has(entry.id)) setFocusedId(entry.id);
      else if (entry.sessionId !== id) showToast("Undid a label change in another session.", "info");
    },
    nextUnlabeled: () => void nextUnlabeled(),
    adjacentSession: (direction) => void adjacentSession(direction),
    search: () => router.push(listHref({ focusSearch: true })),
  });

  if (detail.notFound) {
    return (
      <main className="mx-auto max-w-5xl px-4 py-10">
        <p className="font-medium">There is no session {id}.</p>
        <Link href="/" className="text-sm text-blue-700 hover:underline dark:text-blue-400">
          Back to the sessions
        </Link>
      </main>
    );
  }

  return (
    <main className="mx-auto max-w-5xl px-4 pb-24">
      <div className="sticky top-0 z-20 -mx-4 flex flex-wrap items-center gap-3 border-b border-zinc-200 bg-white px-4 py-2 text-sm dark:border-zinc-800 dark:bg-zinc-950">
        <Link
          href="/"
          onClick={(event) => {
            // Back to the list as the person left it (its filter is remembered per tab).
            event.preventDefault();
            router.push(listHref());
          }}
          className="text-blue-700 hover:underline dark:text-blue-400"
        >
          ← Sessions
        </Link>
        <span className="text-zinc-500">
          labeled{" "}
          <LabelProgress testId="session-progress" labeled={progress.labeled} total={turns.length} bad={progress.bad} />
        </span>
        <label className="ml-auto flex items-center gap-1 text-xs">
          <input type="checkbox" checked={autoAdvance} onChange={(event) => setAutoAdvance(event.target.checked)} />
          Auto-advance after labeling
        </label>
        <button type="button" onClick={() => void adjacentSession("newer")} className="rounded px-2 py-0.5 text-xs hover:bg-zinc-100 dark:hover:bg-zinc-800" title="Newer session ([)">
          ← newer
        </button>
        <button type="button" onClick={() => void adjacentSession("older")} className="rounded px-2 py-0.5 text-xs hover:bg-zinc-100 dark:hover:bg-zinc-800" title="Older session (])">
          older →
        </button>
        <button type="button" onClick={() => setOverlay(true)} className="rounded border border-zinc-300 px-2 py-0.5 font-mono text-xs dark:border-zinc-700" aria-label="Keyboard shortcuts">
          ?
        </button>
      </div>
      {detail.error && (
        <p role="alert" className="mt-3 rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
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
          <ol className="mt-4 space-y-3" aria-label="Turns">
            {turns.map((turn) => (
              <li key={turn.id}>
                <TurnCard turn={turn} label={labelOf(turn.id, turn.label)} focused={turn.id === focus} editing={editing === turn.id} actions={actions} />
              </li>
            ))}
          </ol>
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
