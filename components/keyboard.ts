// Guards shared by each view's single keydown handler: keys typed into a field, or while a dialog is open,
// must never act as shortcuts (a note containing "g" labels nothing).

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag !== "INPUT") return false;
  // Checkboxes and buttons take no text: shortcuts still work while they have focus.
  const type = (target as HTMLInputElement).type;
  return !["checkbox", "radio", "button", "submit", "reset", "range", "color", "file"].includes(type);
}

/** Any modal dialog on the page (the shortcuts overlay, or a future one) owns the keyboard while open. */
export function isDialogOpen(): boolean {
  return document.querySelector('[role="dialog"][aria-modal="true"]') !== null;
}

/** Ctrl/Cmd/Alt combinations belong to the browser and the OS, never to our single-key shortcuts. */
export function hasCommandModifier(event: KeyboardEvent): boolean {
  return event.ctrlKey || event.metaKey || event.altKey;
}

/** True when a shortcut may act on this event. */
export function isShortcutEvent(event: KeyboardEvent): boolean {
  return (
    !event.defaultPrevented &&
    !event.isComposing &&
    !hasCommandModifier(event) &&
    !isTypingTarget(event.target)
  );
}
