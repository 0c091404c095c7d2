/**
 * Drag to reorder (issue 12): a card follows the pointer (finger or mouse) from
 * its grip, the others slide out of its way, the page scrolls near its edges,
 * and on release the card's new index goes to `onDrop`. Pointer events with
 * capture on the grip (CSS `touch-action: none` on it), so touch starts a drag
 * at once on the handle and scrolls the page anywhere else. Escape or a
 * cancelled pointer puts everything back. Only transforms move during the drag;
 * the list itself changes once, when the new order is stored.
 */

/** Distance from the viewport's top or bottom edge (px) within which dragging scrolls the page. */
const EDGE_PX = 56;
/** Fastest auto-scroll, in pixels per frame, at the very edge. */
const MAX_SCROLL_PX = 14;

/**
 * Where a dragged item lands: the number of the other items whose centre is
 * above the dragged item's centre. Pure, for the unit tests.
 *
 * @param centres The items' centres (page coordinates) before the drag, in list order.
 * @param from The dragged item's index.
 * @param draggedCentre The dragged item's centre now.
 */
export function dropIndex(centres: readonly number[], from: number, draggedCentre: number): number {
  let index = 0;
  for (let i = 0; i < centres.length; i++) if (i !== from && centres[i] < draggedCentre) index++;
  return index;
}

/**
 * Starts dragging the list item that holds the grip `event` came from.
 *
 * @param event The grip's `pointerdown`.
 * @param onDrop Called once on release with the item's old and new index, when they differ.
 */
export function startDrag(event: PointerEvent, onDrop: (from: number, to: number) => void): void {
  if (event.pointerType === 'mouse' && event.button !== 0) return;
  const grip = event.currentTarget as HTMLElement;
  const item = grip.closest<HTMLElement>('[role="listitem"]');
  const list = item?.closest<HTMLElement>('[role="list"]');
  if (!item || !list) return;
  event.preventDefault();
  grip.setPointerCapture(event.pointerId);

  // First: this makes every group lay out (no content-visibility skip), so the measures hold during the drag.
  // Attributes, not classes: a card re-rendered mid-drag (a new code) rewrites its class, not these.
  item.toggleAttribute('data-dragging', true);
  list.toggleAttribute('data-dragging', true);
  const items = [...list.querySelectorAll<HTMLElement>('[role="listitem"]')];
  const from = items.indexOf(item);
  const rects = items.map((element) => element.getBoundingClientRect());
  const centres = rects.map((rect) => rect.top + window.scrollY + rect.height / 2);
  // How far the others slide: the dragged card's height and the gap below it.
  const gap = rects.length > 1 ? Math.max(0, rects[1].top - rects[0].bottom) : 0;
  const step = rects[from].height + gap;
  const startY = event.clientY + window.scrollY;
  let clientY = event.clientY;
  let to = from;
  let frame = 0;

  const follow = () => {
    const dy = clientY + window.scrollY - startY;
    item.style.transform = `translateY(${dy}px)`;
    const next = dropIndex(centres, from, centres[from] + dy);
    if (next === to) return;
    // Only the items between the old and the new landing place change.
    for (let i = Math.min(to, next); i <= Math.max(to, next); i++) {
      if (i === from) continue;
      const shift = from < i && i <= next ? -step : next <= i && i < from ? step : 0;
      items[i].style.transform = shift ? `translateY(${shift}px)` : '';
    }
    to = next;
  };
  const autoScroll = () => {
    const speed =
      clientY < EDGE_PX ? -(EDGE_PX - clientY) : clientY > window.innerHeight - EDGE_PX ? clientY - (window.innerHeight - EDGE_PX) : 0;
    if (speed !== 0) {
      window.scrollBy(0, Math.round((speed / EDGE_PX) * MAX_SCROLL_PX));
      follow();
    }
    frame = requestAnimationFrame(autoScroll);
  };
  const onMove = (e: PointerEvent) => {
    if (e.pointerId !== event.pointerId) return;
    clientY = e.clientY;
    follow();
  };
  const end = (drop: boolean) => {
    cancelAnimationFrame(frame);
    grip.removeEventListener('pointermove', onMove);
    grip.removeEventListener('pointerup', onUp);
    grip.removeEventListener('pointercancel', onCancel);
    document.removeEventListener('keydown', onKey, true);
    for (const element of items) element.style.transform = '';
    item.removeAttribute('data-dragging');
    list.removeAttribute('data-dragging');
    if (drop && to !== from) onDrop(from, to);
  };
  const onUp = (e: PointerEvent) => {
    if (e.pointerId !== event.pointerId) return;
    clientY = e.clientY;
    follow();
    end(true);
  };
  const onCancel = () => end(false);
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    end(false);
  };
  grip.addEventListener('pointermove', onMove);
  grip.addEventListener('pointerup', onUp);
  grip.addEventListener('pointercancel', onCancel);
  document.addEventListener('keydown', onKey, true);
  frame = requestAnimationFrame(autoScroll);
}
