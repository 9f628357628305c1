import { useCallback, useEffect, useState } from "react";
import { listStateMachines, type StateMachineItem } from "../api/state-machine-api.ts";

/** The server's state machines, or `available: false` when the designer runs without the API. */
export interface ServerMachines {
  available: boolean;
  checked: boolean;
  items: StateMachineItem[];
  refresh: () => void;
}

/** Asks `/v1/state-machines` once on start (and on refresh); any failure means "no server". */
export function useServerMachines(): ServerMachines {
  const [state, setState] = useState({ available: false, checked: false, items: [] as StateMachineItem[] });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    listStateMachines().then(
      (items) => current && setState({ available: true, checked: true, items }),
      () => current && setState({ available: false, checked: true, items: [] }),
    );
    return () => {
      current = false;
    };
  }, [round]);
  const refresh = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, refresh };
}
