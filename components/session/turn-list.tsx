"use client";
// The session's turns, virtualized: only the turns near the viewport are in the DOM (@tanstack/react-virtual's
// window virtualizer, heights measured as they render), each a full TurnCard once its range is loaded and an
// outline card until then. Asks for the ranges it is about to show, and lets the view scroll to any turn.
import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { LabelView } from "@/lib/shared/labels";
import type { Reason } from "@/lib/shared/reasons";
import type { TurnOutline } from "@/lib/shared/session-outline";
import type { TurnView } from "@/lib/shared/views";
import { TurnCard, type TurnActions } from "./turn-card";
import { TurnOutlineCard } from "./turn-outline-card";

/** Turns rendered beyond each edge of the screen: enough for `j` and PageDown to land on a rendered turn. */
const OVERSCAN = 4;
/** Turns loaded beyond what is rendered, so scrolling at reading speed rarely shows an outline card. */
const PREFETCH = 30;
/** Space between cards and the sticky bars a turn scrolled to must clear (`scroll-mt-24` on the cards). */
const GAP_PX = 12;
const STICKY_PX = 96;

/** A guess before a turn is measured; only the scrollbar's accuracy depends on it. */
function estimateHeight(turn: TurnOutline | undefined): number {
  if (!turn) return 160;
  const promptLines = Math.min(6, Math.ceil((turn.prompt_preview?.length ?? 40) / 90));
  return 110 + promptLines * 24 + turn.tool_calls * 56;
}

interface Props {
  outline: TurnOutline[];
  loaded: ReadonlyMap<string, TurnView>;
  labelOf: (turnId: string, fallback: LabelView) => LabelView;
  focus: string | null;
  selected: (turnId: string) => boolean;
  editing: string | null;
  correcting: string | null;
  raw: boolean;
  reasons: Reason[];
  actions: TurnActions;
  /** Loads (or refreshes) the turns at positions [from, to]. */
  ensure: (from: number, to: number) => void;
  /** Receives the function that scrolls the turn at a position into view (rendered or not). */
  registerScroller: (scrollTo: (index: number) => void) => void;
}

export function TurnList(props: Props) {
  const { outline, loaded, ensure } = props;
  const list = useRef<HTMLOListElement>(null);
  const [margin, setMargin] = useState(0);
  // Stable per outline: the virtualizer recomputes every turn's offset when these change (10k turns: ~4 ms).
  const estimateSize = useCallback((index: number) => estimateHeight(outline[index]), [outline]);
  const getItemKey = useCallback((index: number) => outline[index]?.id ?? index, [outline]);
  const virtualizer = useWindowVirtualizer({
    count: outline.length,
    estimateSize,
    getItemKey,
    overscan: OVERSCAN,
    gap: GAP_PX,
    scrollMargin: margin,
    scrollPaddingStart: STICKY_PX,
    // The library's default re-renders the list inside every scroll event (flushSync); each `j` scrolls, so
    // that was a second synchronous render per press (~10 ms of a 10,000-turn page's `j` in a profile). Batched
    // with React's own updates instead; OVERSCAN keeps the turns a move lands on rendered.
    useFlushSync: false,
  });

  // The list's place in the page (below the header and the find bar, which can grow): whenever the page
  // changes size.
  useLayoutEffect(() => {
    const element = list.current;
    if (!element) return;
    const check = (): void => {
      const top = element.getBoundingClientRect().top + window.scrollY;
      setMargin((current) => (Math.abs(top - current) > 1 ? top : current));
    };
    check();
    const observer = new ResizeObserver(check);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);
  const { registerScroller } = props;
  useLayoutEffect(() => {
    registerScroller((index) => virtualizer.scrollToIndex(index, { align: "start" }));
  }, [registerScroller, virtualizer]);

  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (outline.length > 0) ensure(first - PREFETCH, last + PREFETCH);
  }, [first, last, outline, ensure]);

  return (
    <ol
      ref={list}
      aria-label="Turns"
      className="relative mt-4"
      style={{ height: virtualizer.getTotalSize() }}
    >
      {items.map((item) => {
        const entry = outline[item.index]!;
        const turn = loaded.get(entry.id);
        const label = props.labelOf(entry.id, turn?.label ?? entry.label);
        const focused = entry.id === props.focus;
        return (
          <li
            key={item.key}
            data-index={item.index}
            ref={virtualizer.measureElement}
            className="absolute top-0 left-0 w-full"
            style={{ transform: `translateY(${item.start - margin}px)` }}
          >
            {turn ? (
              <TurnCard
                turn={turn}
                label={label}
                focused={focused}
                selected={props.selected(entry.id)}
                editing={props.editing === entry.id}
                raw={props.raw}
                correcting={props.correcting === entry.id}
                reasons={props.reasons}
                actions={props.actions}
              />
            ) : (
              <TurnOutlineCard
                turn={entry}
                label={label}
                focused={focused}
                selected={props.selected(entry.id)}
                onFocus={props.actions.focus}
              />
            )}
          </li>
        );
      })}
    </ol>
  );
}
