import { defaultKeymap, indentWithTab } from "@codemirror/commands";
import { json } from "@codemirror/lang-json";
import {
  bracketMatching,
  foldGutter,
  indentOnInput,
  syntaxHighlighting,
  defaultHighlightStyle,
} from "@codemirror/language";
import { lintGutter, setDiagnostics, type Diagnostic } from "@codemirror/lint";
import { Annotation, Compartment, EditorSelection, EditorState } from "@codemirror/state";
import { EditorView, drawSelection, highlightActiveLine, keymap, lineNumbers } from "@codemirror/view";
import { useEffect, useRef } from "react";
import type { LocatedProblem } from "../model/analyze-document.ts";

/** Props of the JSON pane. */
export interface CodePaneProps {
  text: string;
  /**
   * Changes when a different definition is opened: the editor then gets a new state holding the
   * text rather than a change from the old one (see the effect below).
   */
  openedAt: number;
  problems: LocatedProblem[];
  /**
   * The problems were found in this very text. Problems of an earlier text are not applied (their
   * offsets would be off): the editor's own markers move with the edits until these catch up.
   */
  problemsCurrent: boolean;
  dark: boolean;
  onType: (text: string) => void;
  /** A text range to select and scroll to; a new object each time it should happen. */
  /** `focus` moves the keyboard there too (from the Problems panel, not from a graph click). */
  reveal?: { from: number; to: number; focus?: boolean } | undefined;
}

/** Marks changes that came from the document (graph edits, undo) rather than from typing. */
const external = Annotation.define<boolean>();

const darkTheme = EditorView.theme(
  {
    "&": { backgroundColor: "#16191f", color: "#d5dae3" },
    ".cm-gutters": { backgroundColor: "#1d2129", color: "#7d8594", border: "none" },
    ".cm-activeLine": { backgroundColor: "#ffffff0a" },
    ".cm-activeLineGutter": { backgroundColor: "#ffffff10" },
    "&.cm-focused .cm-selectionBackground, .cm-selectionBackground": { backgroundColor: "#3a4a66" },
    ".cm-cursor": { borderLeftColor: "#d5dae3" },
  },
  { dark: true },
);

/**
 * The JSON pane: CodeMirror 6 with JSON highlighting, folding, and validation markers in the gutter.
 * It keeps no history of its own: undo and redo belong to the document, shared with graph edits.
 */
export function CodePane({ text, openedAt, problems, problemsCurrent, dark, onType, reveal }: CodePaneProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const theme = useRef(new Compartment());
  const onTypeRef = useRef(onType);
  onTypeRef.current = onType;
  const darkRef = useRef(dark);
  darkRef.current = dark;
  const shownOpenedAt = useRef(openedAt);
  // CodeMirror keeps "\n" line breaks; a CRLF document is shown with "\n" and typed text gets its
  // "\r\n" back, so the document keeps its own line endings (a mix of both becomes CRLF once typed in).
  const crlf = text.includes("\r\n");
  const crlfRef = useRef(crlf);
  crlfRef.current = crlf;
  const shown = crlf ? text.replaceAll("\r\n", "\n") : text;
  const toEditor = (offset: number): number => (crlf ? offset - countReturns(text, offset) : offset);

  const createState = useRef((doc: string): EditorState =>
    EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        foldGutter(),
        lintGutter(),
        drawSelection(),
        highlightActiveLine(),
        indentOnInput(),
        bracketMatching(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        json(),
        keymap.of([...defaultKeymap, indentWithTab]),
        theme.current.of(darkRef.current ? darkTheme : []),
        EditorView.contentAttributes.of({ "aria-label": "Definition JSON", "data-testid": "code-input" }),
        EditorView.updateListener.of((update) => {
          const typed = update.transactions.some((tr) => tr.docChanged && tr.annotation(external) !== true);
          if (!typed) return;
          const typedText = update.state.doc.toString();
          onTypeRef.current(crlfRef.current ? typedText.replaceAll("\n", "\r\n") : typedText);
        }),
      ],
    }),
  );

  useEffect(() => {
    if (host.current === null) return;
    const created = new EditorView({ parent: host.current, state: createState.current(shown) });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
    // The editor is created once; later texts arrive through the effect below.
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (editor === null) return;
    if (shownOpenedAt.current !== openedAt) {
      // A new definition: a fresh state, not a change replacing the whole old text. A change makes
      // the language state resume its parse over the new text for up to 20 ms within the same task
      // (and the gutters and selection map through it); a new state parses the first 3,000
      // characters and leaves the rest to CodeMirror's idle-time parser.
      shownOpenedAt.current = openedAt;
      editor.setState(createState.current(shown));
      return;
    }
    const current = editor.state.doc.toString();
    const text = shown;
    if (current === text) return;
    // Replace only the changed middle so the cursor and scroll position survive graph edits and undo.
    let start = 0;
    while (start < current.length && start < text.length && current[start] === text[start]) start++;
    let endOld = current.length;
    let endNew = text.length;
    while (endOld > start && endNew > start && current[endOld - 1] === text[endNew - 1]) {
      endOld--;
      endNew--;
    }
    editor.dispatch({
      changes: { from: start, to: endOld, insert: text.slice(start, endNew) },
      annotations: external.of(true),
    });
  }, [shown, openedAt]);

  useEffect(() => {
    const editor = view.current;
    if (editor === null || !problemsCurrent) return;
    const length = editor.state.doc.length;
    const diagnostics: Diagnostic[] = problems.map((problem) => {
      const from = Math.min(toEditor(problem.from), length);
      return {
        from,
        to: Math.max(from, Math.min(toEditor(problem.to), length)),
        severity: "error",
        message: problem.path === "" ? problem.message : `${problem.path}: ${problem.message}`,
      };
    });
    editor.dispatch(setDiagnostics(editor.state, diagnostics));
    // `text` is read through toEditor; problems are current only for the text they came with.
  }, [problems, problemsCurrent]);

  useEffect(() => {
    view.current?.dispatch({ effects: theme.current.reconfigure(dark ? darkTheme : []) });
  }, [dark]);

  useEffect(() => {
    const editor = view.current;
    if (editor === null || reveal === undefined) return;
    const length = editor.state.doc.length;
    const from = Math.min(toEditor(reveal.from), length);
    editor.dispatch({
      selection: EditorSelection.single(from, Math.min(toEditor(reveal.to), length)),
      effects: EditorView.scrollIntoView(from, { y: "center" }),
    });
    if (reveal.focus === true) editor.focus();
  }, [reveal]);

  return <div className="code-pane" data-testid="code-editor" ref={host} />;
}

function countReturns(text: string, before: number): number {
  let count = 0;
  for (let i = text.indexOf("\r\n"); i !== -1 && i < before; i = text.indexOf("\r\n", i + 2)) count++;
  return count;
}
