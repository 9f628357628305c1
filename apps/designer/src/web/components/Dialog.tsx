import { useEffect, useRef, useState } from "react";

/** The one modal the editor may show at a time. */
export type DialogRequest =
  | {
      kind: "prompt";
      title: string;
      label: string;
      initial: string;
      confirm: string;
      onDone(value: string): void;
    }
  | { kind: "confirm"; title: string; message: string; confirm: string; onDone(): void };

/** A modal prompt or confirmation; Escape or Cancel closes it without acting. */
export function Dialog({ request, onClose }: { request: DialogRequest; onClose: () => void }) {
  const [value, setValue] = useState(request.kind === "prompt" ? request.initial : "");
  const [error, setError] = useState<string | undefined>();
  const input = useRef<HTMLInputElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (request.kind === "prompt") input.current?.select();
    else confirmButton.current?.focus();
  }, [request]);
  const submit = (): void => {
    if (request.kind === "prompt") {
      try {
        request.onDone(value);
      } catch (reason) {
        setError(reason instanceof Error ? reason.message : String(reason));
        return;
      }
    } else request.onDone();
    onClose();
  };
  return (
    <div className="dialog-backdrop" onKeyDown={(event) => event.key === "Escape" && onClose()}>
      <form
        role="dialog"
        aria-modal="true"
        aria-label={request.title}
        data-testid="dialog"
        className="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <h2>{request.title}</h2>
        {request.kind === "prompt" ? (
          <label>
            {request.label}
            <input
              ref={input}
              data-testid="dialog-input"
              value={value}
              onChange={(e) => setValue(e.target.value)}
            />
          </label>
        ) : (
          <p>{request.message}</p>
        )}
        {error !== undefined && (
          <p className="dialog-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={onClose} data-testid="dialog-cancel">
            Cancel
          </button>
          <button type="submit" ref={confirmButton} data-testid="dialog-confirm" className="primary">
            {request.confirm}
          </button>
        </div>
      </form>
    </div>
  );
}
