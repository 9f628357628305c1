/**
 * Imported before CodeMirror (first thing in main.tsx), because @codemirror/language reads this when
 * its module is evaluated.
 *
 * CodeMirror parses the text beyond the screen in idle callbacks. Where the browser has
 * `navigator.scheduling.isInputPending` (Chromium), each slice runs for up to 100 ms, ending early
 * only when input arrives, and calls isInputPending at each check (a third of the slice in a
 * profile); without it, a slice ends at the idle callback's deadline, at most 50 ms. The 100 ms
 * slices, plus the update that hands the new tree to the view, were the longest main-thread tasks
 * left after opening a 500-state definition (100–154 ms). Hiding the method (deprecated by Chromium
 * in favour of `scheduler.yield`; nothing else here uses it) gives CodeMirror the deadline-bound
 * slices it uses in every other browser.
 */
const scheduling = (navigator as { scheduling?: { isInputPending?: unknown } }).scheduling;
if (scheduling?.isInputPending !== undefined) {
  Object.defineProperty(scheduling, "isInputPending", { value: undefined, configurable: true });
}

export {};
