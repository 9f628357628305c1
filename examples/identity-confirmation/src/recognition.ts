import { TaskFailure } from "@stepflow/worker";

/** The people the door knows, by the id the camera's face matcher gives them. */
export const RESIDENTS: Readonly<Record<string, string>> = {
  alice: "Alice Liddell",
  bob: "Bob Marley",
};

/** The person id for which the fake model fails, as a real one does on a smeared lens. */
export const UNREADABLE_PERSON = "blurred";

/** What the recognition model concluded. */
export interface Identification {
  recognised: boolean;
  personId: string | null;
  name: string | null;
  /** Why a person was not recognised (null when recognised). */
  reason: string | null;
}

/**
 * Stands in for the recognition model, deterministic on its input: a resident's id is recognised, any
 * other id or none is not, and {@link UNREADABLE_PERSON} makes the model fail with `IdentificationError`.
 */
export function identify(personId: string | undefined): Identification {
  if (personId === UNREADABLE_PERSON) {
    throw new TaskFailure(
      "IdentificationError",
      "the recognition model could not read a face in the camera image (image too blurred)",
    );
  }
  if (personId === undefined || personId === "") {
    return { recognised: false, personId: null, name: null, reason: "no face matched anyone the door knows" };
  }
  const name = RESIDENTS[personId];
  if (name === undefined) {
    return { recognised: false, personId, name: null, reason: `${personId} is not a resident` };
  }
  return { recognised: true, personId, name, reason: null };
}
