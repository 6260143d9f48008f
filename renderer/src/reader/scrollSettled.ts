// Scrolling to a passage in an article whose blocks out of view are skipped by the
// browser (content-visibility: auto): their heights are guesses until they are drawn, so
// the first scrollIntoView lands by the guesses, and the blocks that then come into view
// take their real sizes and push the passage away. Scrolling again each frame until the
// passage stops moving puts it where it was asked to be. A new scroll, or the user's own
// wheel, key or pointer, ends the previous one.

const MAX_FRAMES = 30;

let stopCurrent: (() => void) | null = null;

export function scrollIntoViewSettled(element: Element, options: ScrollIntoViewOptions = { block: 'center', inline: 'nearest' }): void {
  stopCurrent?.();
  element.scrollIntoView(options);
  let last = element.getBoundingClientRect().top;
  let frames = 0;
  let still = 0;
  let frame = 0;
  const stop = () => {
    cancelAnimationFrame(frame);
    for (const type of USER_INPUT) window.removeEventListener(type, stop, true);
    if (stopCurrent === stop) stopCurrent = null;
  };
  const step = () => {
    if (!element.isConnected || ++frames > MAX_FRAMES) return stop();
    const top = element.getBoundingClientRect().top;
    if (Math.abs(top - last) < 1) {
      // Three frames without moving: the blocks around it have their real sizes (the
      // browser finds which blocks came into view after a frame, and draws them in the next).
      if (++still >= 3) return stop();
    } else {
      still = 0;
      element.scrollIntoView(options);
      last = element.getBoundingClientRect().top;
    }
    frame = requestAnimationFrame(step);
  };
  for (const type of USER_INPUT) window.addEventListener(type, stop, true);
  stopCurrent = stop;
  frame = requestAnimationFrame(step);
}

const USER_INPUT = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;
