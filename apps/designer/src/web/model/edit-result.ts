/** The outcome of a graph edit: the new text, or why the edit was refused (the text is unchanged). */
export type EditResult = { ok: true; text: string } | { ok: false; reason: string };
